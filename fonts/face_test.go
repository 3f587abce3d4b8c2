package fonts

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestParseBundled checks names and metrics of every bundled font against values from its
// README (widths of CJK punctuation, 通用规范 coverage) and the font tables.
func TestParseBundled(t *testing.T) {
	tests := []struct {
		file     string
		family   string
		names    []string // must all be in FamilyNames
		advances map[rune]float64
		lacks    string
	}{
		{
			file: "body-FandolFang-Regular.ttf", family: "FandolFang", names: []string{"FandolFang", "FandolFang R"},
			advances: map[rune]float64{'一': 1, '国': 1, '1': 0.5, '0': 0.5, '“': 1, '”': 1, '—': 1, '，': 1, '。': 1, '·': 1},
			lacks:    "珺喆堃赟昇玥",
		},
		{
			file: "heading1-NotoSansSC-Medium.ttf", family: "Noto Sans SC", names: []string{"Noto Sans SC", "Noto Sans SC Medium"},
			advances: map[rune]float64{'一': 1, '珺': 1, '1': 0.57, '“': 1, '”': 1, '—': 0.9, '，': 1},
		},
		{
			file: "heading2-ARPLKaitiMGB.ttf", family: "AR PL KaitiM GB", names: []string{"AR PL KaitiM GB", "文鼎ＰＬ简中楷"},
			advances: map[rune]float64{'一': 1, '1': 0.5, '“': 1, '”': 1, '—': 1, '―': 1, '〇': 1, '、': 1},
			lacks:    "珺喆堃赟昇玥",
		},
		{
			file: "lastresort-NotoSerifSC-Regular.ttf", family: "Noto Serif SC", names: []string{"Noto Serif SC"},
			advances: map[rune]float64{'一': 1, '儽': 1, '𬌗': 1, '㐀': 1, '1': 0.471, '“': 1, '„': 0.425, '—': 0.89},
		},
		{
			file: "pagenum-NotoSerifSC-Regular.ttf", family: "Noto Serif SC", names: []string{"Noto Serif SC"},
			advances: map[rune]float64{'一': 1, '珺': 1, '1': 0.471, '“': 1, '—': 0.89, '·': 0.327},
		},
		{
			file: "title-NotoSerifSC-Bold.ttf", family: "Noto Serif SC", names: []string{"Noto Serif SC"},
			advances: map[rune]float64{'一': 1, '珺': 1, '1': 0.466, '“': 1, '—': 0.928},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := mustBundled(t, tt.file)
			if got := f.Family(); got != tt.family {
				t.Errorf("Family() = %q, want %q", got, tt.family)
			}
			for _, n := range tt.names {
				if !slices.Contains(f.FamilyNames(), n) {
					t.Errorf("FamilyNames() = %q, lacks %q", f.FamilyNames(), n)
				}
			}
			if want := "内置 fonts/" + tt.file; f.Source() != want {
				t.Errorf("Source() = %q, want %q", f.Source(), want)
			}
			if !f.Embeddable() {
				t.Errorf("Embeddable() = false (fsType %#x)", f.fsType)
			}
			for r, want := range tt.advances {
				if !f.Has(r) {
					t.Errorf("Has(%q) = false", r)
				}
				if got := f.Advance(r); math.Abs(got-want) > 0.0005 {
					t.Errorf("Advance(%q) = %.4f, want %.4f", r, got, want)
				}
			}
			for _, r := range "0123456789" {
				if !f.Has(r) || f.Advance(r) <= 0 {
					t.Errorf("digit %q: Has %v, Advance %v", r, f.Has(r), f.Advance(r))
				}
			}
			for _, r := range tt.lacks + "\U0001F600\uE000" {
				if f.Has(r) || f.Advance(r) != 0 {
					t.Errorf("%q (U+%04X): Has %v, Advance %v; want missing", r, r, f.Has(r), f.Advance(r))
				}
			}
			if f.Has(-1) || f.Has(0x110000) {
				t.Error("Has accepts an invalid rune")
			}
		})
	}
}

// TestLastResortCoverage: the last-resort font has every CJK Unified Ideograph, all of
// Extension A and every character of the 宋体 font, which holds GB 2312 and the 通用规范汉字表
// (196 of them beyond the BMP).
func TestLastResortCoverage(t *testing.T) {
	last := mustBundled(t, "lastresort-NotoSerifSC-Regular.ttf")
	var missing []rune
	for _, block := range [][2]rune{{0x4E00, 0x9FFF}, {0x3400, 0x4DBF}} {
		for r := block[0]; r <= block[1]; r++ {
			if !last.Has(r) {
				missing = append(missing, r)
			}
		}
	}
	songti := mappedRunes(mustBundled(t, "pagenum-NotoSerifSC-Regular.ttf"))
	beyond := 0
	for _, r := range songti {
		if r > 0xFFFF {
			beyond++
		}
		if !last.Has(r) {
			missing = append(missing, r)
		}
	}
	for _, r := range "„‚‹›‰※€§©®°±×÷āáǎàǖ①⑴⒈㈠Ⅻ℃№□○△★" {
		if !last.Has(r) {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 || beyond != 196 {
		t.Errorf("last-resort font lacks %d characters: %q; 宋体 has %d beyond the BMP, want 196", len(missing), string(missing[:min(len(missing), 40)]), beyond)
	}
}

// TestAdvanceMatchesFpdf compares Advance with the widths fpdf reads from the same font with
// its own parser, for text that covers CJK, ASCII and punctuation.
func TestAdvanceMatchesFpdf(t *testing.T) {
	const text = "一二三国家，。、；：“”（）《》——……0123456789ABCxyz%·〔〕"
	for _, name := range BundledNames() {
		t.Run(name, func(t *testing.T) {
			f := mustBundled(t, name)
			data, err := Bundled(name)
			if err != nil {
				t.Fatal(err)
			}
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddUTF8FontFromBytes("f", "", data)
			pdf.SetFont("f", "", 1000) // 1000 pt: widths come out in 1/1000 em
			if err := pdf.Error(); err != nil {
				t.Fatal(err)
			}
			for _, r := range text {
				if !f.Has(r) {
					continue
				}
				// fpdf rounds widths to 1/1000 em.
				if got, want := f.Advance(r)*1000, pdf.GetStringWidth(string(r)); math.Abs(got-want) > 0.5001 {
					t.Errorf("Advance(%q) = %.1f/1000 em, fpdf says %.1f", r, got, want)
				}
			}
		})
	}
}

func TestBundled(t *testing.T) {
	for _, name := range BundledNames() {
		data, err := Bundled(name)
		if err != nil {
			t.Fatal(err)
		}
		disk, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, disk) {
			t.Errorf("Bundled(%q) differs from %s on disk", name, name)
		}
	}
	if _, err := Bundled("simsun.ttc"); err == nil || !strings.Contains(err.Error(), "simsun.ttc") {
		t.Errorf("Bundled(unknown) error = %v, want one naming the file", err)
	}
}

// TestParseErrors feeds Parse things that are not usable TrueType fonts.
func TestParseErrors(t *testing.T) {
	body, _ := Bundled("body-FandolFang-Regular.ttf")
	otto := append([]byte("OTTO"), body[4:]...)
	noGlyf := bytes.Clone(body)
	copy(noGlyf[bytes.Index(noGlyf[:300], []byte("glyf")):], "xxxx")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "太短"},
		{"text", []byte("this is not a font at all"), "不是 TrueType"},
		{"cff", otto, "CFF"},
		{"collection", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"), "字体集"},
		{"prefix", body[:4096], "超出文件末尾"},
		{"no glyf", noGlyf, "没有 glyf 表"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data, "x.ttf")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "x.ttf") {
				t.Errorf("Parse error = %v, want one naming x.ttf and containing %q", err, tt.want)
			}
		})
	}
}

// TestClassification reads the OS/2 PANOSE and coverage bits of the bundled fonts.
func TestClassification(t *testing.T) {
	tests := []struct {
		file   string
		panose string
		usb1   uint32
		csb0   uint32
	}{
		{"heading2-ARPLKaitiMGB.ttf", "02010600030101010101", 0x080E0000, 0x00040000},
		{"body-FandolFang-Regular.ttf", "00000500000000000000", 0x00002000, 0x00060007},
		{"title-NotoSerifSC-Bold.ttf", "02020200000000000000", 0x0A4F2C10, 0x60060107},
	}
	for _, tt := range tests {
		f, err := ParseBundled(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		c, ok := f.Classification()
		if !ok {
			t.Fatalf("%s: no OS/2 classification", tt.file)
		}
		if got := fmt.Sprintf("%X", c.Panose[:]); got != tt.panose || c.UnicodeRange[1] != tt.usb1 || c.CodePageRange[0] != tt.csb0 {
			t.Errorf("%s: panose %s usb1 %08X csb0 %08X, want %s %08X %08X", tt.file, got, c.UnicodeRange[1], c.CodePageRange[0], tt.panose, tt.usb1, tt.csb0)
		}
	}
}
