package content

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/generator/model"
)

// elements reads the optional elements of GB/T 9704-2012 that a layout preset
// places: the 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人), 附注,
// 附件, 版记 (抄送, 印发机关, 印发日期), the seal and a 纪要's attendance.
func (b *builder) elements(raw map[string]any) {
	d := b.doc
	d.Fields = map[string]model.Pos{}
	for k := range raw {
		d.Fields[k] = b.l.pos(b.l.keyOff(k))
	}
	h := &d.Header
	if v, ok := raw["copy_no"]; ok {
		if s, ok := b.str("copy_no", v, `写成 copy_no = "000001"`); ok {
			h.CopyNo = strings.TrimSpace(s)
			if !copyNo.MatchString(h.CopyNo) {
				b.errAt(b.l.valOff("copy_no"), "copy_no", "份号应为6位阿拉伯数字，这里写的是「"+h.CopyNo+"」", `写成 copy_no = "000001"（不足6位前面补0）`)
			}
		}
	}
	if v, ok := raw["secrecy"]; ok {
		h.Secrecy, _ = b.str("secrecy", v, `写成 secrecy = "机密★1年"`)
		h.Secrecy = strings.TrimSpace(h.Secrecy)
	}
	if v, ok := raw["urgency"]; ok {
		h.Urgency, _ = b.str("urgency", v, `写成 urgency = "特急"`)
		if h.Urgency = strings.TrimSpace(h.Urgency); h.Urgency != "" && h.Urgency != "特急" && h.Urgency != "加急" {
			b.errAt(b.l.valOff("urgency"), "urgency", "紧急程度只能是“特急”或“加急”（§7.2.3），这里写的是「"+h.Urgency+"」", `写成 urgency = "特急"`)
		}
	}
	if v, ok := raw["issuer"]; ok {
		h.Issuers = b.names("issuer", v, `写成 issuer = "XX旗人民政府办公室"，联合行文写成 issuer = ["XX局", "XX局"]`)
	}
	if v, ok := raw["number"]; ok {
		if s, ok := b.str("number", v, `写成 number = "X政办发〔2024〕3号"`); ok {
			h.Number = strings.TrimSpace(s)
			b.docNumber(h.Number)
		}
	}
	if v, ok := raw["issue"]; ok {
		// a 纪要's 期号 stands where a 发文字号 would: "第1期"
		if _, both := raw["number"]; both {
			b.errAt(b.l.keyOff("issue"), "issue", "number（发文字号）和 issue（期号）只能写一个", "纪要写 issue = \"第1期\"；其他公文写 number")
		} else if s, ok := b.str("issue", v, `写成 issue = "第1期"`); ok {
			h.Number = strings.TrimSpace(s)
		}
	}
	if v, ok := raw["signers"]; ok {
		h.Signers = b.names("signers", v, `写成 signers = ["张三"]`)
	}
	if v, ok := raw["seal"]; ok {
		if s, ok := b.str("seal", v, `写成 seal = "印章.png"`); ok {
			d.Seal = strings.TrimSpace(s)
		}
	}
	if v, ok := raw["note"]; ok {
		if s, ok := b.str("note", v, `写成 note = "联系人：张三，电话：1234567"`); ok {
			if s = strings.TrimSpace(s); s != "" {
				s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "（"), "("), "）")
				d.Note = "（" + strings.TrimSuffix(s, ")") + "）"
			}
		}
	}
	if v, ok := raw["cc"]; ok {
		d.Imprint.CC = b.names("cc", v, `写成 cc = ["旗委办公室", "旗人大常委会办公室"]`)
	}
	if v, ok := raw["printer"]; ok {
		if s, ok := b.str("printer", v, `写成 printer = "XX旗人民政府办公室"`); ok {
			d.Imprint.Printer = strings.TrimSpace(s)
		}
	}
	if v, ok := raw["print_date"]; ok {
		d.Imprint.PrintDate = b.date("print_date", "印发日期", v)
	}
	if v, ok := raw["attendance"]; ok {
		b.attendance(v)
	}
	if v, ok := raw["attachment"]; ok {
		b.attachments(v)
	}
}

var (
	copyNo = regexp.MustCompile(`^[0-9]{6}$`)
	// 机关代字〔年份〕序号号 (§7.2.5)
	docNumber = regexp.MustCompile(`^(.+)〔([0-9]{4})〕([1-9][0-9]*)号$`)
	// the same with the usual mistakes: other brackets, 第, leading zeros, no 号
	// a template's 发文字号 left blank: XX发〔20XX〕XX号, 〔2020〕号, 第  号, [此处输入文号]号
	numberBlank = regexp.MustCompile(`XX|×|□|[\[［【]此处|〕\s*(第\s*)?号$|^第\s*号$`)
	looseNumber = regexp.MustCompile(`^(.+?)[\[【(（［｛{〔]\s*([0-9]{4})\s*[\]】)）］｝}〕]\s*第?\s*0*([0-9]+)\s*号?$`)
)

// NormalNumber writes a 发文字号 with the usual mistakes — other brackets, 第,
// leading zeros, no 号 — the way §7.2.5 asks: 卓正发[2018]001号 → 卓正发〔2018〕1号.
// ok is false when n is right already or is no 发文字号.
func NormalNumber(n string) (string, bool) {
	n = strings.TrimSpace(n)
	if docNumber.MatchString(n) || numberBlank.MatchString(n) {
		return n, false
	}
	m := looseNumber.FindStringSubmatch(n)
	if m == nil || m[3] == "0" || strings.Trim(m[3], "0") == "" {
		return n, false
	}
	return m[1] + "〔" + m[2] + "〕" + strings.TrimLeft(m[3], "0") + "号", true
}

// docNumber checks a 发文字号: the year in 六角括号 〔〕, a 序号 without 第 or leading
// zeros, ending in 号.
func (b *builder) docNumber(n string) {
	if n == "" || docNumber.MatchString(n) || numberBlank.MatchString(n) {
		return // a template's blank is a placeholder: gongwen check reports it
	}
	hint := `写成 number = "X政办发〔2024〕3号"：机关代字 + 〔年份〕 + 序号 + 号`
	if m := looseNumber.FindStringSubmatch(n); m != nil {
		hint = "写成 number = \"" + m[1] + "〔" + m[2] + "〕" + m[3] + "号\""
	}
	b.errAt(b.l.valOff("number"), "number",
		"发文字号「"+n+"」不合格式：年份用六角括号〔〕，序号不编虚位、不加“第”，末尾是“号”（§7.2.5）", hint)
}

// names reads a name or a list of names.
func (b *builder) names(key string, v any, example string) []string {
	if s, ok := v.(string); ok {
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}
	if _, ok := v.([]any); !ok {
		b.errAt(b.l.valOff(key), key, "应为文字或文字列表，这里写的是"+typeName(v), example)
		return nil
	}
	var out []string
	for _, s := range b.strings(key, v) {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (b *builder) attendance(v any) {
	m, ok := v.(map[string]any)
	if !ok {
		b.errAt(b.l.valOff("attendance"), "attendance", "attendance 应写成表 [attendance]", "单独一行写 [attendance]，下面写 present = [\"……\"]")
		return
	}
	b.checkKeys("attendance", m, attendanceFields, "出席人员")
	a := &b.doc.Attendance
	for _, f := range []struct {
		key string
		dst *[]string
	}{{"present", &a.Present}, {"absent", &a.Absent}, {"observers", &a.Observers}} {
		if x, ok := m[f.key]; ok {
			*f.dst = b.names(joinPath("attendance", f.key), x, `写成 `+f.key+` = ["XX局 张三", "XX局 李四"]`)
		}
	}
}

// attachments reads [[attachment]]: each has a title and, when it is printed with
// the document, text and sections like the main text.
func (b *builder) attachments(v any) {
	list := b.tableArray("attachment", v, "附件", "attachment", "每个附件以单独一行 [[attachment]] 开始，下面写 title 和 text")
	for i, m := range list {
		path := indexPath("attachment", i)
		a := &model.Attachment{Pos: b.l.pos(b.l.keyOff(path))}
		b.checkKeys(path, m, attachmentFields, "附件")
		if t, ok := m["title"]; !ok {
			b.errAt(b.l.keyOff(path), path, "附件缺少标题 title", `加上 title = "XX实施方案"`)
		} else if s, ok := b.str(joinPath(path, "title"), t, `写成 title = "XX实施方案"`); ok {
			a.Title = strings.TrimSpace(s)
			if strings.ContainsAny(a.Title[max(len(a.Title)-3, 0):], "。，；.,;") {
				b.errAt(b.l.valOff(joinPath(path, "title")), joinPath(path, "title"), "附件名称后不加标点符号（§7.3.4）", "删除末尾的标点")
			}
		}
		if t, ok := m["text"]; ok {
			if s, ok := b.str(joinPath(path, "text"), t, textExample); ok {
				a.Intro = b.paragraphs(joinPath(path, "text"), b.l.text(joinPath(path, "text"), s))
			}
		}
		if s, ok := m["section"]; ok {
			a.Sections = b.sections(path, s, 1)
		}
		b.doc.Attachments = append(b.doc.Attachments, a)
	}
	// a printed attachment is labelled by its number in the 附件说明 (§7.3.7): 附件2 even
	// when 附件1 is bound separately, and plain 附件 when the list has one item
	for i, a := range b.doc.Attachments {
		if !a.HasBody() {
			continue
		}
		a.Label = "附件"
		if len(b.doc.Attachments) > 1 {
			a.Label += strconv.Itoa(i + 1)
		}
	}
}
