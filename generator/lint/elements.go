package lint

import (
	"github.com/gongwen/gongwen/generator/content"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// The elements around the text — 版头 (GB/T 9704-2012 §7.2) and 版记 (§7.4) — have
// a few mistakes of their own that content.Parse lets through.

var (
	ccField     = regexp.MustCompile(`^cc(\[\d+\])?$`)
	issuerField = regexp.MustCompile(`^issuer(\[\d+\])?$`)
	signerField = regexp.MustCompile(`^signers(\[\d+\])?$`)
)

// ccEnd are the marks a 抄送 name must not end with: the program puts the 逗号
// between the names and the 句号 after the last.
const ccEnd = "。，、；,.;"

// element runs the rules of the 版头 and 版记 field that t belongs to.
func (c *checker) element(t *text, doc *model.Document) {
	at := func(i int, sev Severity, rule, msg, hint string) { c.add(t.Pos(i), sev, rule, msg, hint) }
	switch {
	case ccField.MatchString(t.Field):
		last, size := utf8.DecodeLastRuneInString(t.Text)
		if strings.ContainsRune(ccEnd, last) {
			at(len(t.Text)-size, Error, RuleCC, "抄送机关「"+t.Text+"」末尾不加「"+string(last)+"」",
				"删去「"+string(last)+"」：程序在机关之间加逗号，在最后一个机关后加句号")
		}
	case issuerField.MatchString(t.Field):
		// one name ending in 文件 is printed as it is (layout.Header.Suffix); among
		// joint names 文件 stands once, beside them all
		if strings.HasSuffix(t.Text, "文件") && len(doc.Header.Issuers) > 1 && markSuffix(doc.Layout) == "文件" {
			at(len(t.Text)-len("文件"), Warning, RuleIssuer, "发文机关标志「"+t.Text+"」末尾是“文件”，版式会再加“文件”二字",
				"删去末尾的“文件”，只写机关名称："+strings.TrimSuffix(t.Text, "文件"))
		}
	case signerField.MatchString(t.Field):
		for i, r := range t.Text {
			if r == '·' || r == '•' {
				continue // 少数民族姓名的间隔号
			}
			if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
				at(i, Error, RuleSigner, "签发人「"+t.Text+"」里有空格或标点",
					`每位签发人写一个名字，只写姓名，如 signers = ["王建国", "李明"]；姓名中不加空格`)
				break
			}
		}
	}
}

// markSuffix is what the preset of the document prints after the issuer's name.
func markSuffix(name string) string {
	if name == "" {
		name = "report"
	}
	p, err := layout.Load(name)
	if err != nil {
		return "" // content.Parse reports an unknown layout
	}
	return p.Header.MarkSuffix
}

// printDate warns about a 印发日期 earlier than the 成文日期: a document is printed
// after it is signed.
func (c *checker) printDate(doc *model.Document, file string, src []byte) {
	pd, d := doc.Imprint.PrintDate, doc.Date
	if pd.Year == 0 || d.Year == 0 { // unset, or a template's blank
		return
	}
	if [3]int{pd.Year, pd.Month, pd.Day} == [3]int{d.Year, d.Month, d.Day} ||
		pd.Year > d.Year || pd.Year == d.Year && (pd.Month > d.Month || pd.Month == d.Month && pd.Day > d.Day) {
		return
	}
	if p, ok := content.ValuePos(file, src, "print_date"); ok {
		c.add(p, Warning, RulePrintDate, "印发日期 "+pd.String()+" 早于成文日期 "+d.String(),
			"公文成文之后才印发：印发日期通常与成文日期相同或稍晚，请核对 print_date 和 date")
	}
}

// omissions warns when title = "", author = "" or date = "" leave out the title,
// the 署名 or the 成文日期: allowed, for a 纪要 or a source without them, but most
// 公文 need them (§7.3.1, §7.3.5).
func (c *checker) omissions(doc *model.Document, file string, src []byte) {
	if doc.Title == "" && doc.Layout != "minutes" {
		if p, ok := content.ValuePos(file, src, "title"); ok {
			c.add(p, Warning, RuleSignature, "没有标题：title 是空的，不印标题",
				`公文除纪要外一般要有标题（§7.3.1），写成 title = "关于……的通知"`)
		}
	}
	if doc.Author == "" && len(doc.Authors) == 0 && doc.Layout != "minutes" {
		if p, ok := content.ValuePos(file, src, "author"); ok {
			c.add(p, Warning, RuleSignature, "没有发文机关署名：author 是空的，正文之后不印署名",
				`公文除纪要外一般要署发文机关名称（§7.3.5），写成 author = "XX局"`)
		}
	}
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			if len(s.Body) == 0 && len(s.Sections) == 0 && len(s.Tables) == 0 {
				c.add(s.Pos, Warning, RuleSignature, "「"+s.Number+s.Heading+"」下面没有正文：text 是空的",
					`写上正文 text = """……"""，或删去这一节`)
			}
			walk(s.Sections)
		}
	}
	walk(doc.Sections)
	if doc.Date.IsZero() {
		if p, ok := content.ValuePos(file, src, "date"); ok {
			c.add(p, Warning, RuleSignature, "没有成文日期：date 是空的，不印成文日期",
				"公文一般要有成文日期（§7.3.5.4），写成 date = 2024-01-10（不加引号）")
		}
	}
}
