package layout

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportIsTheStandard: the report preset holds GB/T 9704-2012's numbers.
func TestReportIsTheStandard(t *testing.T) {
	p, err := Load("report")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"page width mm", float64(p.Page.Width), 210},
		{"page height mm", float64(p.Page.Height), 297},
		{"天头 mm", float64(p.Page.Top), 37},
		{"订口 mm", float64(p.Page.Left), 28},
		{"版心 width mm", float64(p.Page.BodyWidth), 156},
		{"版心 height mm", float64(p.Page.BodyHeight), 225},
		{"lines per page", float64(p.Grid.Lines), 22},
		{"characters per line", float64(p.Grid.Chars), 28},
		{"line pitch pt", float64(p.LinePitch()), 28.99},
		{"character pitch pt", float64(p.CharPitch()), 15.79},
		{"title 2号 pt", float64(p.Title.Size), 22},
		{"body 3号 pt", float64(p.Body.Size), 16},
		{"body indent chars", p.Body.IndentChars, 2},
		{"page number 4号 pt", float64(p.PageNumber.Size), 14},
		{"page number below 版心 mm", float64(p.PageNumber.Below), 7},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 0.006 {
			t.Errorf("%s = %.3f, want %.3f", tt.name, tt.got, tt.want)
		}
	}
	roles := []struct {
		what string
		got  Role
		want Role
	}{
		{"title", p.Title.Role, XiaoBiaoSong}, {"body", p.Body.Role, FangSong},
		{"heading1", p.Heading1.Role, HeiTi}, {"heading2", p.Heading2.Role, KaiTi},
		{"heading3", p.Heading3.Role, FangSong}, {"heading4", p.Heading4.Role, FangSong},
		{"page number", p.PageNumber.Role, SongTi},
	}
	for _, r := range roles {
		if r.got != r.want {
			t.Errorf("%s role %s, want %s", r.what, r.got, r.want)
		}
	}
	if p.PageNumber.Odd != Right || p.PageNumber.Even != Left || p.PageNumber.Format != "— %d —" {
		t.Errorf("page number %+v", p.PageNumber)
	}
	if p.Fonts[FangSong].Docx != "仿宋_GB2312" || p.Fonts[XiaoBiaoSong].Docx != "方正小标宋简体" {
		t.Errorf("DOCX font names %+v", p.Fonts)
	}
}

// TestSignatureIndents follows §7.3.5.2: 署名 右空二字, the date 2 characters right of
// the 署名's first character, or 右空二字 itself when it is the longer.
func TestSignatureIndents(t *testing.T) {
	p, err := Load("report")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		author, date            float64
		wantAuthor, wantDateRgt float64
	}{
		{10, 6.5, 2, 3.5}, // a long name: the date hangs 2 right of its start
		{6, 6.5, 4.5, 2},  // XX旗统计局 / 2024年1月10日: the date is longer
		{8.5, 6.5, 2, 2},  // exactly as long as the rule allows
		{3, 7, 8, 2},
	}
	for _, tt := range tests {
		a, d := p.SignatureIndents(tt.author, tt.date)
		if a != tt.wantAuthor || d != tt.wantDateRgt {
			t.Errorf("SignatureIndents(%v, %v) = %v, %v; want %v, %v", tt.author, tt.date, a, d, tt.wantAuthor, tt.wantDateRgt)
		}
		// the date starts DateShiftChars right of the 署名's start
		if start := (28 - a - tt.author) + 2; math.Abs(start-(28-d-tt.date)) > 1e-9 {
			t.Errorf("(%v, %v): date starts at %v, 署名 at %v", tt.author, tt.date, 28-d-tt.date, 28-a-tt.author)
		}
	}
}

func TestParseErrors(t *testing.T) {
	base := `name = "x"
[page]
width_mm = 210.0
height_mm = 297.0
body_width_mm = 156.0
body_height_mm = 225.0
[grid]
lines = 22
chars = 28
`
	tests := []struct {
		src  string
		want string
	}{
		{base + "[titel]\nrole = \"fangsong\"\n", "未知的版式字段「titel」"},
		{"name = \n", "x.toml"},
		{`name = "x"` + "\n", "grid.lines"},
		{base, "未在 [fonts] 中定义"},
	}
	for _, tt := range tests {
		_, err := Parse("x.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error %v, want %q", tt.src, err, tt.want)
		}
	}
	if _, err := Load("nosuch"); err == nil || !strings.Contains(err.Error(), "report") {
		t.Errorf("Load(nosuch) = %v; want a message listing the presets", err)
	}
}

// TestPresets: every preset loads, and each differs from report where the standard says.
func TestPresets(t *testing.T) {
	want := []string{"letter", "minutes", "notice", "report", "request"}
	if got := strings.Join(Names(), ","); got != strings.Join(want, ",") {
		t.Errorf("presets %s, want %s", got, strings.Join(want, ","))
	}
	tests := []struct {
		name  string
		check func(p *Preset) bool
	}{
		{"notice", func(p *Preset) bool {
			return p.Header.MarkSuffix == "文件" && !p.Header.Signers && p.Header.MarkTop == 35
		}},
		{"request", func(p *Preset) bool { return p.Header.Signers && p.Header.NumberAlign == Left }},
		{"letter", func(p *Preset) bool {
			return p.Header.MarkFromPage && p.Header.MarkTop == 30 && p.Header.Double && !p.PageNumber.First && !p.Imprint.Rules
		}},
		{"minutes", func(p *Preset) bool { return p.Header.MarkSuffix == "" && p.Attendance.LabelRole == HeiTi }},
	}
	for _, tt := range tests {
		p, err := Load(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if !tt.check(p) {
			t.Errorf("%s: preset values %+v", tt.name, p.Header)
		}
		// the base's numbers carry over
		if p.Grid.Lines != 22 || p.Page.Top != 37 || p.Fonts[FangSong].Docx != "仿宋_GB2312" || p.Imprint.Thick != 0.35 || p.Imprint.Thin != 0.25 {
			t.Errorf("%s: lost the base preset's values", tt.name)
		}
	}
}

// TestUserPreset: a user's file names a base preset and changes any key.
func TestUserPreset(t *testing.T) {
	dir := t.TempDir()
	src := "base = \"notice\"\nname = \"本单位\"\n[header]\nrule_width_mm = 0.8\n[fonts.fangsong]\ndocx = \"仿宋\"\n"
	if err := os.WriteFile(filepath.Join(dir, "unit.toml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadFrom(dir, "unit.toml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Header.RuleWidth != 0.8 || p.Header.MarkSuffix != "文件" || p.Fonts[FangSong].Docx != "仿宋" || p.Fonts[FangSong].Bundled == "" {
		t.Errorf("user preset: %+v %+v", p.Header, p.Fonts[FangSong])
	}
	if _, err := LoadFrom(dir, "none.toml"); err == nil {
		t.Error("a missing preset file loaded")
	}
}
