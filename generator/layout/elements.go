package layout

import "regexp"

// Header places the 版头 (§7.2, spec §16): the 发文机关标志 at a fixed distance below
// the 版心 top (or the page top, for 信函), the 发文字号 two lines below it, and the
// red separator 4 mm below the 发文字号.
type Header struct {
	MarkRole     Role   `toml:"mark_role"`
	MarkSize     Pt     `toml:"mark_size_pt"` // shrunk to fit the 版心 width when needed
	MarkTop      MM     `toml:"mark_top_mm"`
	MarkFromPage bool   `toml:"mark_from_page"` // MarkTop counts from the page top (信函)
	MarkSuffix   string `toml:"mark_suffix"`    // "文件" beside the organ names, or ""
	MarkGapLines int    `toml:"mark_gap_lines"` // lines between the 标志 and the 发文字号
	// A 联合行文's stacked names shrink until they leave MarkRoomLines lines of the 版心
	// below them (the 发文字号, the red line, the title, the first lines of text), but
	// not below MarkMinSize; past that the text starts on page 2.
	MarkMinSize   Pt  `toml:"mark_min_size_pt"`
	MarkRoomLines int `toml:"mark_room_lines"`
	// MarkOutlines draws the 标志 as shapes rather than text: a 信函's 标志 stands
	// above the 版心, where a page's text never goes.
	MarkOutlines bool `toml:"mark_outlines"`

	MetaRole   Role `toml:"meta_role"`    // 密级、紧急程度 黑体
	CopyNoRole Role `toml:"copy_no_role"` // 份号

	NumberRole  Role    `toml:"number_role"`
	NumberAlign Align   `toml:"number_align"` // center (下行文), left (上行文 with 签发人), right (信函)
	NumberLeft  float64 `toml:"number_indent_chars"`

	Signers         bool    `toml:"signers"` // the preset has a 签发人 (上行文)
	SignerLabelRole Role    `toml:"signer_label_role"`
	SignerNameRole  Role    `toml:"signer_name_role"`
	SignerRight     float64 `toml:"signer_right_chars"`
	SignersPerLine  int     `toml:"signers_per_line"`

	RuleBelow MM `toml:"rule_below_mm"` // red line below the 发文字号
	RuleWidth MM `toml:"rule_width_mm"`

	// 信函格式 (§10.1): red double lines, 170 mm long, below the 标志 and above the
	// page bottom.
	Double       bool `toml:"double_lines"`
	DoubleLength MM   `toml:"double_length_mm"`
	DoubleThick  MM   `toml:"double_thick_mm"`
	DoubleThin   MM   `toml:"double_thin_mm"`
	DoubleGap    MM   `toml:"double_gap_mm"`
	DoubleBottom MM   `toml:"double_bottom_mm"` // lower pair above the page bottom

	TitleGapLines int `toml:"title_gap_lines"` // blank lines between the 版头 and the title
}

// Imprint places the 版记 (§7.4): 4号仿宋 between rules, the last rule on the 版心
// bottom of the last page, which is an even page.
type Imprint struct {
	Role     Role    `toml:"role"`
	Size     Pt      `toml:"size_pt"`
	Thick    MM      `toml:"thick_mm"`
	Thin     MM      `toml:"thin_mm"`
	Indent   float64 `toml:"indent_chars"` // 左右各空一字, in characters of Size
	Rules    bool    `toml:"rules"`        // 信函: no separators
	EvenPage bool    `toml:"even_page"`    // the 版记 page is an even page
}

// Attachments places 附件 (§7.3.7): a new page, "附件1" in the label role 顶格 on the
// first line, the title centred on the third.
type Attachments struct {
	LabelRole Role `toml:"label_role"`
	TitleRole Role `toml:"title_role"`
	TitleSize Pt   `toml:"title_size_pt"`
	TitleSlot int  `toml:"title_line"` // 1-based grid line of the title
}

// Attendance sets a 纪要's 出席/请假/列席 lines (§10.3).
type Attendance struct {
	LabelRole Role `toml:"label_role"`
}

// Suffix is what follows the organ names of the 标志: MarkSuffix, unless the one
// name already says the kind of document (XX局文件, XX人民政府公告, XX人民政府令,
// XX会议纪要), as a Word template's 标志 does.
func (h Header) Suffix(issuers []string) string {
	if len(issuers) == 1 && markKind.MatchString(issuers[0]) {
		return ""
	}
	return h.MarkSuffix
}

var markKind = regexp.MustCompile(`(文件|公告|通告|令|纪要|通报|简报|明电|电报)$`)
