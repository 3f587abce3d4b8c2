// Package lint checks a content file against the conventions of writing a 公文:
// full-width punctuation in Chinese text (GB/T 15834-2011), headings without typed
// numbering and with the right end punctuation (GB/T 9704-2012 §7.3.3), balanced
// quotes and brackets, numbers written with half-width digits and, where a count is
// defined, through its reference, and dates written as 2024年1月5日 (§7.3.5.4).
//
// Every finding points at the character in the TOML file, so that an editor can
// jump to it.
package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// Severity says whether a finding must be fixed.
type Severity int

// Severities. A warning may be right as written (the seed's “统计造假”、“数字政绩”
// is faithful to its source); an error is a mistake.
const (
	Warning Severity = iota + 1
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "错误"
	}
	return "警告"
}

// The rules, by the names the findings carry.
const (
	RuleHalfWidth  = "半角标点"   // , ; : ? ! ( ) " in Chinese text
	RuleNumbering  = "手写编号"   // 一、（一）1.（1） typed at the start of a heading
	RuleHeadingEnd = "标题标点"   // a standalone heading ending in 。, a run-in heading not
	RulePairs      = "引号括号"   // unbalanced quotes or brackets
	RuleEnumComma  = "并列顿号"   // 、 between quoted coordinate items
	RuleWideDigit  = "全角数字"   // ０-９
	RuleLiteral    = "计数数字"   // a number in the text equal to a defined count
	RuleUnused     = "未用计数"   // a count defined but not referenced
	RuleDate       = "日期写法"   // a date not written as 2024年1月5日
	RuleCC         = "抄送机关"   // a 抄送 name that ends in 。 or ，: the program adds the 。
	RuleIssuer     = "发文机关标志" // an issuer ending in 文件 when the preset adds 文件
	RuleSigner     = "签发人"    // a 签发人 name with blanks or punctuation
	RulePrintDate  = "印发日期"   // a 印发日期 before the 成文日期
	RuleSignature  = "缺项"     // title = "", author = "" or date = "": none printed
	RuleContent    = "内容"     // a mistake that stops the file from building
)

// Finding is one place that breaks a convention.
type Finding struct {
	Pos      model.Pos
	Rule     string // one of the Rule constants
	Msg      string // what is wrong, in Chinese
	Hint     string // how to fix it; may be empty
	Severity Severity
}

// String formats the finding as file:line:col: 规则: 消息, with （警告） after the
// rule of a warning.
func (f Finding) String() string {
	rule := f.Rule
	if f.Severity == Warning {
		rule += "（警告）"
	}
	return fmt.Sprintf("%s: %s: %s", f.Pos, rule, f.Msg)
}

// Check reads a content file and returns what breaks the conventions, in file
// order. Mistakes that stop the file from building are findings too (rule 内容),
// so that one run lists everything; the error is non-nil only when the file is not
// UTF-8 or not TOML at all, and is then the located message of content.Parse.
func Check(file string, src []byte) ([]Finding, error) {
	doc, err := content.Inspect(file, src)
	if doc == nil {
		return nil, err
	}
	c := &checker{}
	for _, t := range content.Texts(file, src) {
		if notPrinted[t.Key] {
			continue
		}
		c.text(t, doc.Counts)
		c.element(t, doc)
	}
	c.printDate(doc, file, src)
	c.omissions(doc, file, src)
	c.unused(doc)

	// A content error at a place a rule already reported says the same thing
	// (typed numbering, a heading's end); keep the rule's finding.
	reported := map[model.Pos]bool{}
	for _, f := range c.findings {
		if f.Severity == Error {
			reported[f.Pos] = true
		}
	}
	for _, e := range content.ErrorList(err) {
		if !reported[e.Pos] {
			msg := e.Msg
			if e.Field != "" {
				msg += "（" + content.Place(e.Field) + "）"
			}
			c.add(e.Pos, Error, RuleContent, msg, e.Hint)
		}
	}
	sort.SliceStable(c.findings, func(i, j int) bool {
		a, b := c.findings[i].Pos, c.findings[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return c.findings, nil
}

// Errors counts the findings of severity Error.
func Errors(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == Error {
			n++
		}
	}
	return n
}

// checker collects findings.
type checker struct {
	findings []Finding
}

func (c *checker) add(p model.Pos, sev Severity, rule, msg, hint string) {
	c.findings = append(c.findings, Finding{Pos: p, Rule: rule, Msg: msg, Hint: hint, Severity: sev})
}

// text runs the rules for one paragraph of a text value.
func (c *checker) text(t *text, counts []*model.Count) {
	s := masked(t.Text)
	at := func(i int, sev Severity, rule, msg, hint string) { c.add(t.Pos(i), sev, rule, msg, hint) }
	switch t.Key {
	case "heading", "lead":
		heading(t, at)
	case "text":
		if n := content.TypedNumber(t.Text); n != "" {
			at(0, Warning, RuleNumbering, "段落开头是手写的编号「"+n+"」",
				"若这是标题，请改成章节（[[section]] 的 heading 或 lead），编号由程序生成；若是正文中的列举，可以不改")
		}
	}
	placeholders(s, at)
	halfWidth(s, at)
	pairs(s, at)
	enumComma(s, at)
	wideDigits(s, at)
	dates(s, at)
	if t.Key == "text" || t.Key == "heading" || t.Key == "lead" {
		literalCounts(s, counts, at)
	}
}

// notPrinted are the keys of string values that are not text the document prints
// as written, or that content.Parse checks in full.
var notPrinted = map[string]bool{
	"layout": true, "seal": true, "copy_no": true, "issue": true, "secrecy": true,
	"urgency": true, "date": true, "print_date": true, "counts": true, "category": true,
}

// report reports a finding at byte i of the text being checked.
type report func(i int, sev Severity, rule, msg, hint string)

// masked returns s with every count reference {名称} replaced by NUL bytes of the same
// length, so that the rules see only the author's literal text at unchanged offsets.
// {{ and }} are literal braces and stay.
func masked(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{"), strings.HasPrefix(s[i:], "}}"):
			i++
		case b[i] == '{':
			end := strings.IndexByte(s[i+1:], '}')
			next := strings.IndexByte(s[i+1:], '{')
			if end < 0 || next >= 0 && next < end {
				continue // an unpaired brace: content.Parse reports it
			}
			for k := i; k <= i+1+end; k++ {
				b[k] = 0
			}
			i += 1 + end
		}
	}
	return string(b)
}

// unused reports counts that neither the text nor a table uses.
func (c *checker) unused(doc *model.Document) {
	inTable := map[*model.Count]bool{}
	for _, t := range doc.EveryTable() {
		for _, r := range t.Rows {
			for _, cell := range r.Cells {
				inTable[cell.Count] = true
			}
		}
	}
	for _, n := range doc.Counts {
		if n.Used == 0 && !inTable[n] {
			c.add(n.Pos, Warning, RuleUnused, "计数「"+n.Name+"」定义了，但正文和表格都没有用到",
				"在正文中写 {"+n.Name+"} 引用它，或把它列入表格；不再需要时删除这一行")
		}
	}
}
