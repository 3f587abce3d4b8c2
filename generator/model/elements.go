package model

// Header is the 版头 of GB/T 9704-2012 §7.2: everything above the red separator.
type Header struct {
	CopyNo  string   // 份号, six Arabic digits
	Secrecy string   // 密级和保密期限, e.g. 机密★1年
	Urgency string   // 紧急程度: 特急, 加急
	Issuers []string // 发文机关标志: one organ, or several for 联合行文
	Number  string   // 发文字号, e.g. 国办发〔2012〕1号
	Signers []string // 签发人 of an 上行文
}

// IsZero reports whether the document has no 版头.
func (h Header) IsZero() bool {
	return h.CopyNo == "" && h.Secrecy == "" && h.Urgency == "" && len(h.Issuers) == 0 && h.Number == "" && len(h.Signers) == 0
}

// Attachment is a 附件: listed in the 附件说明 after the text, and, when it has a
// body, printed on new pages after the signature.
type Attachment struct {
	Title    string
	Label    string // "附件", or "附件N" by its number in a list of several (§7.3.7); empty when not printed
	Intro    []*Paragraph
	Sections []*Section
	Pos      Pos
}

// Blocks returns the attachment's text in reading order, as Document.Blocks does.
func (a *Attachment) Blocks() []Block {
	d := Document{Intro: a.Intro, Sections: a.Sections}
	return d.Blocks()
}

// HasBody reports whether the attachment is printed with the document.
func (a *Attachment) HasBody() bool { return len(a.Intro) > 0 || len(a.Sections) > 0 }

// Imprint is the 版记 of §7.4 at the foot of the last page.
type Imprint struct {
	CC        []string // 抄送机关
	Printer   string   // 印发机关
	PrintDate Date     // 印发日期
}

// IsZero reports whether the document has no 版记.
func (im Imprint) IsZero() bool { return len(im.CC) == 0 && im.Printer == "" && im.PrintDate.IsZero() }

// Attendance lists the people at a meeting, for 纪要 (§10.3).
type Attendance struct {
	Present   []string // 出席
	Absent    []string // 请假
	Observers []string // 列席
}

// IsZero reports whether no attendance is given.
func (a Attendance) IsZero() bool {
	return len(a.Present) == 0 && len(a.Absent) == 0 && len(a.Observers) == 0
}
