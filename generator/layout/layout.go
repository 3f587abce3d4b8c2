// Package layout loads layout presets (layouts/*.toml) into Preset values: the page
// geometry, the 22 × 28 grid, the font of each role and the style of each element.
// Both writers read the same Preset, so a change of style is one edit in layouts/.
package layout

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/internal/safefile"
	"github.com/gongwen/gongwen/layouts"
)

// Role names a typeface the standard asks for: 小标宋, 仿宋, 黑体, 楷体, 宋体; and the
// last-resort 补字 font for characters none of them has.
type Role string

// The roles of GB/T 9704-2012, and the last-resort fallback.
const (
	XiaoBiaoSong Role = "xiaobiaosong" // 小标宋: title, 发文机关标志
	FangSong     Role = "fangsong"     // 仿宋: body
	HeiTi        Role = "heiti"        // 黑体: level-1 headings
	KaiTi        Role = "kaiti"        // 楷体: level-2 headings
	SongTi       Role = "songti"       // 宋体: page numbers, fallback
	LastResort   Role = "lastresort"   // 补字宋体: the last fallback (rare characters, „)
)

// Chinese is the role's name as the standard writes it: 小标宋, 仿宋, 黑体, 楷体, 宋体.
func (r Role) Chinese() string {
	switch r {
	case XiaoBiaoSong:
		return "小标宋"
	case FangSong:
		return "仿宋"
	case HeiTi:
		return "黑体"
	case KaiTi:
		return "楷体"
	case SongTi:
		return "宋体"
	case LastResort:
		return "补字宋体"
	}
	return string(r)
}

// FontRole says which font serves a role.
type FontRole struct {
	Docx    string   `toml:"docx"`    // east-Asian font name written into the DOCX
	Latin   string   `toml:"latin"`   // DOCX ascii/hAnsi font; "": Docx, digits in the role's font
	Names   []string `toml:"names"`   // family names looked up on this computer, in order
	File    string   `toml:"file"`    // explicit font file; wins over Names
	Bundled string   `toml:"bundled"` // file name of the free stand-in in fonts/
}

// Align is a paragraph alignment.
type Align string

// Alignments.
const (
	Left   Align = "left"
	Center Align = "center"
	Right  Align = "right"
	Both   Align = "both" // justified to the full 版心 width
)

// Style is the look of one element.
type Style struct {
	Role        Role    `toml:"role"`
	Size        Pt      `toml:"size_pt"`
	Align       Align   `toml:"align"`
	IndentChars float64 `toml:"indent_chars"`  // first-line indent, in grid characters
	LinePitch   Pt      `toml:"line_pitch_pt"` // 0: the grid's line pitch
	LinesBefore int     `toml:"lines_before"`  // blank grid lines before
	LinesAfter  int     `toml:"lines_after"`   // blank grid lines after
	Bold        bool    `toml:"bold"`
}

// Page is the page geometry.
type Page struct {
	Width      MM   `toml:"width_mm"`
	Height     MM   `toml:"height_mm"`
	Top        MM   `toml:"top_mm"`
	Left       MM   `toml:"left_mm"`
	BodyWidth  MM   `toml:"body_width_mm"`
	BodyHeight MM   `toml:"body_height_mm"`
	Mirror     bool `toml:"mirror"`
}

// Grid is the line and character grid of the 版心.
type Grid struct {
	Lines int `toml:"lines"`
	Chars int `toml:"chars"`
}

// Signature places the 署名 and 成文日期 without a seal (§7.3.5.2).
type Signature struct {
	Role           Role    `toml:"role"`
	Size           Pt      `toml:"size_pt"`
	LinesBefore    int     `toml:"lines_before"`
	RightChars     float64 `toml:"right_chars"`
	DateShiftChars float64 `toml:"date_shift_chars"`
	SealRightChars float64 `toml:"seal_right_chars"` // with a seal: the date 右空四字 (§7.3.5.1)
	SealSize       MM      `toml:"seal_size_mm"`
}

// PageNumber places the page number (§7.5).
type PageNumber struct {
	Role   Role   `toml:"role"`
	Size   Pt     `toml:"size_pt"`
	Format string `toml:"format"` // fmt verb %d for the number
	Below  MM     `toml:"below_mm"`
	Indent Pt     `toml:"indent_pt"`
	Odd    Align  `toml:"odd"`
	Even   Align  `toml:"even"`
	First  bool   `toml:"first_page"` // page 1 shows its number (not in 信函格式)
}

// Table is the look of tables (spec §9): cells in their own size and line spacing,
// never the body's 28.95 pt, a header row and a title in the 黑体 role.
type Table struct {
	Role       Role `toml:"role"`
	Size       Pt   `toml:"size_pt"`
	LinePitch  Pt   `toml:"line_pitch_pt"`
	HeaderRole Role `toml:"header_role"`
	TitleRole  Role `toml:"title_role"`
	TitleSize  Pt   `toml:"title_size_pt"`
	UnitSize   Pt   `toml:"unit_size_pt"`
	LabelRole  Role `toml:"label_role"` // 附表 label
	PadH       MM   `toml:"padding_h_mm"`
	PadV       MM   `toml:"padding_v_mm"`
	Border     Pt   `toml:"border_pt"`
	// Smaller sizes a table too wide for the 版心 tries in turn (小四, 五号).
	Smaller []Pt `toml:"smaller_sizes_pt"`
}

// Docx holds the values that describe the layout to word processors.
type Docx struct {
	GridType      string `toml:"grid_type"`
	LinePitchTw   int    `toml:"line_pitch_tw"`
	CharSpacingTw int    `toml:"char_spacing_tw"`
	FooterTw      int    `toml:"footer_tw"`
	// OverflowPunct is written as w:overflowPunct: LibreOffice reads it inverted, and with
	// 0 hangs line-end commas outside the 版心 and drops some; 1 lays the text out as the
	// PDF in LibreOffice, and lets Word and WPS hang them as they do by default.
	OverflowPunct bool `toml:"overflow_punct"`
}

// Inks are the inks of the printed document (§6.2). The PDF prints in them; Word
// stores only screen colours, so the DOCX takes RedRGB.
type Inks struct {
	Black  CMYK   `toml:"black"`
	Red    CMYK   `toml:"red"`
	RedRGB string `toml:"red_rgb"` // RRGGBB: the red of the DOCX
}

// Typography turns on refinements of line breaking beyond the 禁则, as clreq describes
// and Founder (方正) composers apply them. The PDF's typesetter applies them; the DOCX
// leaves line breaking to Word (docs/docx.md).
type Typography struct {
	// AdjacentPunct: two adjacent full-width marks (”，  、“  。”) take 1.5 em, not 2:
	// the first gives up its trailing blank half, or an opening second mark its leading one.
	AdjacentPunct bool `toml:"adjacent_punct"`
	// LineStartFlush: an opening mark (“ （ 《) that starts a line gives up its leading
	// blank half, so its ink stands on the 版心 edge like the characters of the other lines.
	LineStartFlush bool `toml:"line_start_flush"`
	// IndentFlush: the same for an opening mark right after a first-line indent (段首).
	IndentFlush bool `toml:"indent_flush"`
	// MinLastLine: a paragraph's last line holds at least this many characters besides
	// punctuation (2: no 孤字 like “优。”); 0 or 1 does not check.
	MinLastLine int `toml:"min_last_line"`
	// KeepNames: a name from the document's fields (发文机关, 署名, 抄送, 出席 …) is not
	// split across lines when the line can be justified without a gap of two cells.
	KeepNames bool `toml:"keep_names"`
}

// Fallback lists the roles whose fonts supply characters missing from another role's font.
type Fallback struct {
	Roles []Role `toml:"roles"`
}

// Preset is one layout preset.
type Preset struct {
	Base        string            `toml:"base"` // the preset this one changes
	Name        string            `toml:"name"`
	Description string            `toml:"description"`
	Page        Page              `toml:"page"`
	Grid        Grid              `toml:"grid"`
	Fonts       map[Role]FontRole `toml:"fonts"`
	Fallback    Fallback          `toml:"fallback"`
	Title       Style             `toml:"title"`
	Recipient   Style             `toml:"recipient"`
	Body        Style             `toml:"body"`
	Heading1    Style             `toml:"heading1"`
	Heading2    Style             `toml:"heading2"`
	Heading3    Style             `toml:"heading3"`
	Heading4    Style             `toml:"heading4"`
	Signature   Signature         `toml:"signature"`
	PageNumber  PageNumber        `toml:"page_number"`
	Table       Table             `toml:"table"`
	Header      Header            `toml:"header"`
	Imprint     Imprint           `toml:"imprint"`
	Attachments Attachments       `toml:"attachment"`
	Attendance  Attendance        `toml:"attendance"`
	Ink         Inks              `toml:"ink"`
	Typography  Typography        `toml:"typography"`
	Docx        Docx              `toml:"docx"`

	file string // the file read last (the user's, over its base) and its text, to place messages
	src  []byte
}

// Pos returns where the preset file writes key (fonts.fangsong.file), and that line;
// Line 0 when the key comes from the base preset.
func (p *Preset) Pos(key string) (model.Pos, string) {
	return content.Locate(p.file, p.src, key)
}

// LinePitch is the distance between two grid lines: 版心 height / lines.
func (p *Preset) LinePitch() Pt { return p.Page.BodyHeight.Pt() / Pt(p.Grid.Lines) }

// CharPitch is the width of one grid cell: 版心 width / characters per line.
func (p *Preset) CharPitch() Pt { return p.Page.BodyWidth.Pt() / Pt(p.Grid.Chars) }

// Heading returns the style of a heading level (1–4).
func (p *Preset) Heading(level int) Style {
	switch level {
	case 1:
		return p.Heading1
	case 2:
		return p.Heading2
	case 3:
		return p.Heading3
	default:
		return p.Heading4
	}
}

// Names lists the embedded presets.
func Names() []string {
	entries, _ := fs.Glob(layouts.FS, "*.toml")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e, ".toml"))
	}
	sort.Strings(names)
	return names
}

// MaxFileSize is the largest layout file read; the built-in presets are under 10 KB.
const MaxFileSize = 1 << 20

// Load returns a preset: an embedded one by name ("notice"), or a file of the user's
// ("my-unit.toml", relative to dir) that names its base preset and changes any key.
func Load(name string) (*Preset, error) { return LoadFrom("", name) }

// LoadFrom is Load with file names relative to dir; a file may also be an absolute
// path or lie above dir ("../共用/本单位.toml"). Messages name it as dir/name.
func LoadFrom(dir, name string) (*Preset, error) {
	if !strings.HasSuffix(name, ".toml") {
		return load(name, 0)
	}
	path := name
	if !filepath.IsAbs(path) && dir != "" {
		path = filepath.Join(dir, path)
	}
	fsys, base := safefile.Dir(path)
	return loadFile(fsys, base, path)
}

// LoadFS is Load with file names read from fsys (the content file's folder): only a
// regular file of at most MaxFileSize bytes is read, so a FIFO or a device named as
// the layout cannot block or fill the memory.
func LoadFS(fsys fs.FS, name string) (*Preset, error) {
	if !strings.HasSuffix(name, ".toml") {
		return load(name, 0)
	}
	return loadFile(fsys, name, name)
}

// readError says that a preset file cannot be read, in Chinese, and keeps the cause
// (errors.Is(err, fs.ErrNotExist) finds a missing file).
type readError struct {
	msg   string
	cause error
}

func (e *readError) Error() string { return e.msg }
func (e *readError) Unwrap() error { return e.cause }

// loadFile reads the preset file name of fsys; shown is its name in messages.
func loadFile(fsys fs.FS, name, shown string) (*Preset, error) {
	data, err := safefile.Read(fsys, name, MaxFileSize)
	if err != nil {
		var e *safefile.Error
		if errors.As(err, &e) {
			return nil, &readError{fmt.Sprintf("无法读取版式文件 %s：%s", shown, e.Reason), e}
		}
		return nil, err
	}
	return parse(shown, data, 0)
}

func load(name string, depth int) (*Preset, error) {
	data, err := layouts.FS.ReadFile(name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("没有名为「%s」的版式（可用：%s）", name, strings.Join(Names(), "、"))
	}
	return parse(name+".toml", data, depth)
}

// Parse reads a preset from TOML. Unknown keys are errors, so a misspelt key cannot
// silently leave a standard value in place. A preset with base = "NAME" starts from
// that embedded preset and changes only the keys it writes. Errors are
// *content.Error values at the key of the preset file, in Chinese.
func Parse(file string, data []byte) (*Preset, error) { return parse(file, data, 0) }

func parse(file string, data []byte, depth int) (*Preset, error) {
	if err := content.Prescan(file, data); err != nil {
		return nil, err
	}
	var head struct {
		Base string `toml:"base"`
	}
	if _, err := toml.Decode(string(data), &head); err != nil {
		return nil, decodeError(file, data, err)
	}
	var p Preset
	var baseFonts map[Role]FontRole
	if head.Base != "" {
		if depth > 4 {
			return nil, keyError(file, data, "base", "base 层层引用太多", "")
		}
		base, err := load(head.Base, depth+1)
		if err != nil {
			return nil, keyError(file, data, "base", err.Error(), `写成 base = "notice" 等内置版式的名称`)
		}
		p = *base
		baseFonts = base.Fonts
		p.Fonts = map[Role]FontRole{}
		for r, f := range base.Fonts {
			p.Fonts[r] = f
		}
		p.Fallback.Roles = append([]Role(nil), base.Fallback.Roles...)
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&p)
	if err != nil {
		return nil, decodeError(file, data, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, keyError(file, data, u[0].String(), "未知的版式字段「"+u[0].String()+"」",
			"检查拼写；可以写的字段见内置版式 layouts/report.toml")
	}
	// a font role written in part keeps the base's other fields
	for r, f := range p.Fonts {
		b := baseFonts[r]
		if f.Docx == "" {
			f.Docx = b.Docx
		}
		if f.Latin == "" {
			f.Latin = b.Latin
		}
		if f.Names == nil {
			f.Names = b.Names
		}
		if f.Bundled == "" {
			f.Bundled = b.Bundled
		}
		p.Fonts[r] = f
	}
	if key, msg := p.validate(); key != "" {
		return nil, keyError(file, data, key, msg, "")
	}
	p.file, p.src = file, data
	return &p, nil
}

// badType reads BurntSushi's message for a value of the wrong type: the key, the
// TOML type written and the type wanted.
var badType = regexp.MustCompile(`last key "(.*)"\): incompatible types: TOML value has type (\w+); destination has type (\w+)`)

// decodeError says in Chinese, at its place, why the decoder refused the file.
func decodeError(file string, data []byte, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		err = content.TOMLError(file, data, err)
		if e, ok := err.(*content.Error); ok && e.Field != "" {
			e.Msg, e.Field = presetField(e.Msg, e.Field), ""
		}
		return err
	}
	return typeError(file, data, err)
}

// typeError says in Chinese, at the key, that a value has the wrong type.
func typeError(file string, data []byte, err error) error {
	m := badType.FindStringSubmatch(err.Error())
	if m == nil {
		return &content.Error{Pos: model.Pos{File: file}, Msg: "版式文件中有一个值的类型不对",
			Hint: "数值直接写（16.0），文字加引号（\"仿宋\"），是否写 true 或 false"}
	}
	return keyError(file, data, m[1], "应为"+typeName(m[3])+"，这里写的是"+typeName(m[2]),
		"数值直接写（16.0、22），文字加引号（\"仿宋\"），是否写 true 或 false，列表写成 [12.0, 10.5]")
}

func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "float"):
		return "数值"
	case strings.HasPrefix(t, "int"):
		return "整数"
	case t == "string":
		return "文字"
	case t == "bool":
		return "true 或 false"
	case t == "array" || t == "slice":
		return "列表 [ ]"
	case t == "map" || t == "table" || t == "struct":
		return "表 [ ]"
	}
	return t
}

// keyError is a mistake at the key path of a preset file, placed on its line when the
// file writes it (a value taken over from the base preset has no line).
func keyError(file string, data []byte, key, msg, hint string) error {
	pos, line := content.Locate(file, data, key)
	return &content.Error{Pos: pos, Msg: presetField(msg, key), Hint: hint, Source: line}
}

// presetField names the key of a preset file after a message, as a path: the plain
// words content.Place gives are for content files.
func presetField(msg, key string) string {
	if key == "" {
		return msg
	}
	return msg + "（字段 " + key + "）"
}

// validate checks the preset: every number in its range, the 版心 on the page, every
// role defined. It returns the key of the first mistake and what is wrong with it.
func (p *Preset) validate() (key, msg string) {
	if key, msg := checkNumbers(reflect.ValueOf(*p), ""); key != "" {
		return key, msg
	}
	for _, g := range []struct {
		key string
		n   int
	}{{"grid.lines", p.Grid.Lines}, {"grid.chars", p.Grid.Chars}} {
		if g.n < 1 || g.n > maxGrid {
			return g.key, fmt.Sprintf("数值 %d 超出范围：应在 1 到 %d 之间", g.n, maxGrid)
		}
	}
	pg := p.Page
	switch {
	case pg.Width < minPage || pg.Height < minPage:
		return "page.width_mm", fmt.Sprintf("纸张 %g × %g 毫米太小：宽和高至少 %g 毫米", float64(pg.Width), float64(pg.Height), float64(minPage))
	case pg.BodyWidth <= 0 || pg.BodyHeight <= 0:
		return "page.body_width_mm", "版心的宽和高必须大于 0"
	case pg.Left+pg.BodyWidth > pg.Width:
		return "page.body_width_mm", fmt.Sprintf("版心超出纸张：订口 %g + 版心宽 %g 大于纸宽 %g 毫米", float64(pg.Left), float64(pg.BodyWidth), float64(pg.Width))
	case pg.Top+pg.BodyHeight > pg.Height:
		return "page.body_height_mm", fmt.Sprintf("版心超出纸张：天头 %g + 版心高 %g 大于纸高 %g 毫米", float64(pg.Top), float64(pg.BodyHeight), float64(pg.Height))
	}
	for _, e := range []struct {
		key  string
		role Role
	}{
		{"title.role", p.Title.Role}, {"recipient.role", p.Recipient.Role}, {"body.role", p.Body.Role},
		{"heading1.role", p.Heading1.Role}, {"heading2.role", p.Heading2.Role}, {"heading3.role", p.Heading3.Role},
		{"heading4.role", p.Heading4.Role}, {"signature.role", p.Signature.Role}, {"page_number.role", p.PageNumber.Role},
		{"table.role", p.Table.Role}, {"table.header_role", p.Table.HeaderRole}, {"table.title_role", p.Table.TitleRole},
		{"table.label_role", p.Table.LabelRole},
	} {
		if _, ok := p.Fonts[e.role]; !ok {
			return e.key, fmt.Sprintf("字体角色「%s」未在 [fonts] 中定义", e.role)
		}
	}
	for _, r := range p.Fallback.Roles {
		if _, ok := p.Fonts[r]; !ok {
			return "fallback.roles", fmt.Sprintf("字体角色「%s」未在 [fonts] 中定义", r)
		}
	}
	return "", ""
}

// MarkLead is the distance between the baselines of a 联合行文's stacked names, in
// units of the 标志's size.
const MarkLead = 1.2

// MarkHeight is the height of n stacked names at size: the top of the first to the
// foot of the last.
func MarkHeight(n int, size Pt) Pt { return size + Pt(max(n-1, 0))*MarkLead*size }

// markTopInBody is the 标志's top edge below the 版心's top.
func (p *Preset) markTopInBody() Pt {
	y := p.Header.MarkTop.Pt()
	if p.Header.MarkFromPage {
		y -= p.Page.Top.Pt()
	}
	return y
}

// MarkStackSize is the size of n stacked 发文机关 names (§7.2.4): the preset's size, or
// the largest size in half points at which they leave mark_room_lines lines of the
// 版心 below them, never below mark_min_size_pt. The typesetter and the DOCX writer
// both use it, so the 标志 is the same in both.
func (p *Preset) MarkStackSize(n int) Pt {
	st := p.Header
	room := p.Page.BodyHeight.Pt() - p.markTopInBody() - Pt(st.MarkRoomLines)*p.LinePitch()
	size := st.MarkSize
	if h := MarkHeight(n, size); h > room && n > 0 {
		size = Pt(math.Floor(float64(room/MarkHeight(n, 1))*2) / 2)
	}
	return min(st.MarkSize, max(size, st.MarkMinSize))
}

// MarkMaxIssuers is how many 发文机关 names the 标志 can stack while the 发文字号 and the
// red line below it stay on page 1: at mark_min_size_pt, the 发文字号 on the grid line
// mark_gap_lines below the 标志 and one line left for the red line.
func (p *Preset) MarkMaxIssuers() int {
	pitch := p.LinePitch()
	fits := func(n int) bool {
		bottom := p.markTopInBody() + MarkHeight(n, p.MarkStackSize(n)) + Pt(p.Header.MarkGapLines)*pitch
		return int(math.Ceil(float64(bottom/pitch)-1e-6)) <= p.Grid.Lines-2
	}
	n := 1
	for fits(n + 1) {
		n++
	}
	return n
}

// SignatureIndents places the 署名 and 成文日期 lines without a seal (§7.3.5.2): given
// their widths in grid characters, it returns the space left free at the right of each
// line, in grid characters. The 署名 sits RightChars from the right edge and the date
// starts DateShiftChars right of the 署名's first character; a date too long for that
// keeps RightChars itself and pushes the 署名 left.
func (p *Preset) SignatureIndents(author, date float64) (authorRight, dateRight float64) {
	s := p.Signature
	authorRight = s.RightChars
	dateRight = s.RightChars + author - s.DateShiftChars - date
	if dateRight < s.RightChars {
		dateRight = s.RightChars
		authorRight = s.RightChars + date + s.DateShiftChars - author
	}
	return authorRight, dateRight
}

// SealLines places the seal over the 署名 and 成文日期 (§7.3.5.1): its foot on the foot
// of the date's grid line, so the 附注 on the next line stays clear (§7.3.6), and the
// 署名 and date below its centre (居印章中心偏下). It returns how many blank grid lines
// go between the text and the first of the names lines of 署名, so that the seal's top
// reaches no higher than the text's last line box (and so lies within one line of the
// text), and the seal's top edge from the top of the date's grid line.
func (p *Preset) SealLines(names int) (blank int, top Pt) {
	pitch := p.LinePitch()
	d := p.Signature.SealSize.Pt()
	top = pitch - d
	// how far the seal reaches above the first 署名 line, less the empty foot of the
	// text's line box below its em box
	above := d - Pt(names+1)*pitch - (pitch-p.Body.Size)/2
	blank = max(p.Signature.LinesBefore, int(math.Ceil(float64(above/pitch)-1e-6)))
	return blank, top
}
