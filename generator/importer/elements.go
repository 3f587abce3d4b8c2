package importer

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// The elements around the text (GB/T 9704-2012 §7.2, §7.3.4, §7.4): the 版头 lines
// before the title (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人), the 附件说明
// after the text, the 附注 after the 成文日期, the printed 附件 after that, and the
// 版记 (抄送, 印发机关和印发日期) at the end. Each is recognised only in the shape
// gongwen and the standard write it, and only values content.Parse accepts are kept.

// numberText is a 发文字号, or a Word template's blank of one: XX发〔20XX〕XX号,
// 〔2020〕号, 〔20XX〕第XX号, XX发〔    〕  号, [此处输入文号]号, 第  号 (a 令号). The blanks are kept as
// they are; gongwen check reports them as placeholders.
const numberText = `(?:[^\s，。：；“”《》（）()]{1,20}[〔［\[][0-9]{4}[〕］\]][1-9][0-9]*号` +
	`|[^\s，。：；“”《》（）()]{0,20}[〔［\[](?:[0-9X×]{4}|\s*)[〕］\]]\s*(?:第\s*)?(?:[0-9]+|[X×]+)?\s*号` +
	`|[\[［【]此处[^\]］】]*[\]］】]号|第\s*[X×]*\s*号)`

var (
	copyNoLine  = regexp.MustCompile(`^[0-9]{6}$`)
	secrecyLine = regexp.MustCompile(`^(绝密|机密|秘密|[×X]密)(★.*)?$`)
	urgencyLine = regexp.MustCompile(`^(特急|加急)$`)
	// 发文字号: 机关代字〔年份〕序号号, possibly with the 签发人 on the same line
	docNumber = regexp.MustCompile(`(` + numberText + `)`)
	// numberLine is a line that is a 发文字号 (and perhaps the 签发人), not a
	// sentence that cites one
	numberLine = regexp.MustCompile(`^(?:[0-9]{6}\s+)?` + numberText + `(\s*签发人[：:].*)?$`)
	issueLine  = regexp.MustCompile(`^第[0-9]+期$`)
	// caseNumber is a 文书's number under its title, the year in brackets first:
	// （2024）黑狱减通字第12号. It ends the title; it is not a 版头.
	caseNumber = regexp.MustCompile(`^[（(〔［\[][^）)〕］\]\s]{1,12}[）)〕］\]][^\s，。：；]{1,20}字第\s*[0-9X×]*\s*号$`)
	signerLine = regexp.MustCompile(`签发人[：:]\s*(.+)$`)
	// 附件说明: 附件：1.标题 or 附件：标题, then 2.标题 …
	attachFirst = regexp.MustCompile(`^附\s*件[：:]\s*(?:([0-9]+)[.．]\s*)?(.+)$`)
	attachMore  = regexp.MustCompile(`^([0-9]+)[.．、]\s*(.+)$`)
	attachAlone = regexp.MustCompile(`^附\s*件[：:]$`)
	attachLabel = regexp.MustCompile(`^附件[0-9]*$`)
	ccLine      = regexp.MustCompile(`^抄送[：:]\s*(.+)$`)
	printLine   = regexp.MustCompile(`^(.+?)\s+(\S+年\S+月\S+日)\s*印发$`)
	attendLine  = regexp.MustCompile(`^(出席|请假|列席)[：:]\s*(.+)$`)
	noteLine    = regexp.MustCompile(`^[（(](.+)[）)]$`)
)

// nameSep splits lists of names: 抄送 and 签发人.
func nameSep(r rune) bool { return strings.ContainsRune("、，,；;", r) || unicode.IsSpace(r) }

// elements takes the 版头, 附件, 附注 and 版记 out of bs into the document and returns
// the rest for head and tail.
func (a *assembler) elements(bs []block) []block {
	bs = a.header(bs)
	bs = a.imprint(bs)
	return a.afterDate(bs)
}

// header reads the 版头 lines before the title: it is there when one of the first
// lines is a 发文字号 (or a 纪要's 期号).
func (a *assembler) header(bs []block) []block {
	d := a.doc
	h := &d.Header
	k := -1
	for i := 0; i < len(bs) && i < 7 && bs[i].kind != kindTitle && bs[i].table == nil; i++ {
		t := strings.TrimSpace(bs[i].text)
		if numberLine.MatchString(t) || issueLine.MatchString(t) {
			k = i
			break
		}
		if strings.ContainsAny(t, "。；") {
			break // a sentence: the text has begun, and a 版头 comes before it
		}
	}
	if k < 0 {
		return a.boxHeader(bs)
	}
	joint := false // a 联合行文's "文件" drawn beside the names
	for _, b := range bs[:k] {
		t := strings.TrimSpace(b.text)
		switch {
		case copyNoLine.MatchString(t):
			h.CopyNo = t
		case secrecyLine.MatchString(t):
			h.Secrecy = t
		case urgencyLine.MatchString(t):
			h.Urgency = t
		case t == "文件":
			joint = true
		case decoration.MatchString(t):
			a.note("%s：版头中的「%s」（红色分隔线上的装饰）没有导入", b.where, t)
		case t != "":
			h.Issuers = append(h.Issuers, t)
		}
	}
	if joint {
		a.note("版头：「文件」二字排在发文机关名称右侧，由版式加上")
	}
	end := k + 1
	t := strings.TrimSpace(bs[k].text)
	if m := docNumber.FindStringSubmatch(t); m != nil {
		h.Number = m[1]
	} else {
		h.Number = t // 第1期
	}
	if n, ok := content.NormalNumber(h.Number); ok {
		a.note("%s：发文字号「%s」改为规范的写法「%s」（年份用六角括号，序号不编虚位、不加“第”）", bs[k].where, h.Number, n)
		h.Number = n
	}
	// the 签发人 on the number's line, or on a line of its own after it
	if m := signerLine.FindStringSubmatch(t); m != nil {
		h.Signers = strings.FieldsFunc(m[1], nameSep)
	} else if end < len(bs) {
		if m := signerLine.FindStringSubmatch(strings.TrimSpace(bs[end].text)); m != nil && strings.HasPrefix(strings.TrimSpace(bs[end].text), "签发人") {
			h.Signers = strings.FieldsFunc(m[1], nameSep)
			end++
		}
	}
	suffix := "文件"
	mark := strings.Join(h.Issuers, "")
	switch {
	case len(h.Signers) > 0:
		d.Layout = "request"
	case issueLine.MatchString(h.Number) || strings.HasSuffix(mark, "纪要"):
		d.Layout, suffix = "minutes", ""
	case bs[k].right && len(h.Issuers) == 1 && !strings.HasSuffix(mark, "文件"):
		// a 发文字号 pushed right under the organ's name: a 信函 (函)
		d.Layout, suffix = "letter", ""
	default:
		d.Layout = "notice"
	}
	for i, n := range h.Issuers {
		if s := strings.TrimSpace(strings.TrimSuffix(n, suffix)); s != "" && suffix != "" {
			h.Issuers[i] = s
		}
	}
	a.hadHeader = true
	a.note("版头：读出了%s，版式选为 %s；请核对", strings.Join(headerParts(h), "、"), d.Layout)
	if d.Layout == "minutes" && end < len(bs) {
		// a 纪要's line of the issuing organ and the date under its number
		if m := organDate.FindStringSubmatch(strings.TrimSpace(bs[end].text)); m != nil {
			if date, ok := parseDate(m[2]); ok {
				d.Author, d.Date = m[1], date
				a.note("%s：纪要版头的「%s」读作署名和成文日期，排在正文之后；请核对", bs[end].where, strings.TrimSpace(bs[end].text))
				end++
			}
		}
	}
	return bs[end:]
}

// decoration is a mark drawn in the 版头 that is not one of its elements: the star
// some red lines carry.
var decoration = regexp.MustCompile(`^[★☆]+$`)

// organDate is an organ's name and a date on one line, set apart by spaces.
var organDate = regexp.MustCompile(`^(\S{2,40})(?:\s{2,}|　+)(\S+年\S+月\S+日)$`)

// boxHeader reads a 版头 with no 发文字号 that is drawn in text boxes at the top,
// as Word templates draw the 发文机关标志 of a 信函 or a 通知: those lines are the
// 标志, not the title.
func (a *assembler) boxHeader(bs []block) []block {
	k := 0
	for k < len(bs) && k < 3 && bs[k].box && bs[k].table == nil && authorLike(strings.TrimSpace(bs[k].text)) {
		k++
	}
	if k == 0 || k == len(bs) || bs[k].box {
		return bs
	}
	h := &a.doc.Header
	for _, b := range bs[:k] {
		h.Issuers = append(h.Issuers, strings.TrimSpace(b.text))
	}
	a.doc.Layout = "notice"
	a.hadHeader = true
	a.note("版头：文本框中的「%s」读作发文机关标志，版式选为 %s；请核对", strings.Join(h.Issuers, ""), a.doc.Layout)
	return bs[k:]
}

// headerParts names what the 版头 has, for the note.
func headerParts(h *model.Header) []string {
	var out []string
	for _, p := range []struct{ name, v string }{{"份号", h.CopyNo}, {"密级", h.Secrecy}, {"紧急程度", h.Urgency},
		{"发文机关标志", strings.Join(h.Issuers, "")}, {"发文字号", h.Number}, {"签发人", strings.Join(h.Signers, "")}} {
		if p.v != "" {
			out = append(out, p.name)
		}
	}
	return out
}

// imprint reads the 版记 at the end: the 抄送 line and the 印发 line.
func (a *assembler) imprint(bs []block) []block {
	im := &a.doc.Imprint
	for len(bs) > 0 {
		t := strings.TrimSpace(bs[len(bs)-1].text)
		if m := printLine.FindStringSubmatch(t); m != nil && im.Printer == "" && len(im.CC) == 0 {
			date, ok := parseDate(m[2])
			if !ok {
				break
			}
			im.Printer, im.PrintDate = strings.TrimSpace(m[1]), date
		} else if m := ccLine.FindStringSubmatch(t); m != nil && len(im.CC) == 0 {
			im.CC = names(strings.TrimRight(m[1], "。."))
			if len(im.CC) == 0 {
				break
			}
		} else {
			break
		}
		bs = bs[:len(bs)-1]
	}
	return bs
}

// names splits a list of names, dropping end marks the program adds again.
func names(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;", r) }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// afterDate reads what follows the 成文日期 — the 附注 and the printed 附件 — and the
// 附件说明 before the 署名.
func (a *assembler) afterDate(bs []block) []block {
	d := a.doc
	date := -1
	for i, b := range bs {
		if _, ok := parseDate(b.text); !ok {
			continue
		}
		rest := bs[i+1:]
		if len(rest) == 0 || b.kind == kindSignature || noteLine.MatchString(strings.TrimSpace(rest[0].text)) ||
			attachLabel.MatchString(strings.TrimSpace(rest[0].text)) {
			date = i
		}
	}
	if date < 0 {
		return bs
	}
	rest := bs[date+1:]
	bs = bs[:date+1]
	var note []block
	if len(rest) > 0 {
		if m := noteLine.FindStringSubmatch(strings.TrimSpace(rest[0].text)); m != nil {
			d.Note = strings.TrimSpace(m[1])
			note, rest = rest[:1], rest[1:]
		}
	}
	// text after the 附注 that is not a printed 附件: the 附注 stays text before it,
	// where the source has it, rather than be printed after it
	unread := func(rest []block) []block {
		if d.Note != "" && len(note) > 0 {
			d.Note = ""
			rest = append(note, rest...)
		}
		return append(bs, rest...)
	}

	// a 纪要's 出席、请假、列席, searched back from the 署名
	for i := len(bs) - 1; i >= 0 && i >= len(bs)-8; i-- {
		m := attendLine.FindStringSubmatch(strings.TrimSpace(bs[i].text))
		if m == nil {
			continue
		}
		dst := map[string]*[]string{"出席": &d.Attendance.Present, "请假": &d.Attendance.Absent, "列席": &d.Attendance.Observers}[m[1]]
		if len(*dst) == 0 {
			if *dst = names(m[2]); len(*dst) > 0 {
				bs = append(bs[:i:i], bs[i+1:]...)
			}
		}
	}

	// the 附件说明, searched back from the 署名
	var titles []string
	for i := len(bs) - 1; i >= 0 && i >= len(bs)-30; i-- {
		m := attachFirst.FindStringSubmatch(strings.TrimSpace(bs[i].text))
		if m == nil && attachAlone.MatchString(strings.TrimSpace(bs[i].text)) && i+1 < len(bs) {
			// 附件： on a line of its own, the list below it
			if mm := attachMore.FindStringSubmatch(strings.TrimSpace(bs[i+1].text)); mm != nil {
				m = []string{"", mm[1], mm[2]}
				bs = append(bs[:i+1:i+1], bs[i+2:]...)
			}
		}
		if m == nil {
			continue
		}
		titles = append(titles, m[2])
		end := i + 1
		for ; m[1] != "" && end < len(bs); end++ {
			mm := attachMore.FindStringSubmatch(strings.TrimSpace(bs[end].text))
			if mm == nil {
				break
			}
			titles = append(titles, mm[2])
		}
		bs = append(bs[:i:i], bs[end:]...)
		break
	}
	for _, t := range titles {
		if t = strings.TrimRight(strings.TrimSpace(t), "。，；.,;"); t != "" {
			d.Attachments = append(d.Attachments, &model.Attachment{Title: t})
		}
	}

	// the printed 附件: a label (附件, 附件1 …), the title, the text
	var cur *model.Attachment
	for len(rest) > 0 {
		t := strings.TrimSpace(rest[0].text)
		switch {
		case rest[0].table != nil:
			return unread(rest)
		case attachLabel.MatchString(t) && len(rest) > 1:
			cur = nil
			title := strings.TrimSpace(rest[1].text)
			for _, at := range d.Attachments {
				if at.Title == title && !at.HasBody() {
					cur = at
					break
				}
			}
			if cur == nil {
				return unread(rest)
			}
			rest = rest[2:]
		case cur != nil:
			cur.Intro = append(cur.Intro, &model.Paragraph{Spans: []model.Span{{Text: t}}})
			rest = rest[1:]
		default:
			return unread(rest)
		}
	}
	return bs
}
