package docx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// Namespaces of the parts we write.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc escapes s for element text and attribute values.
func esc(s string) string { return escaper.Replace(s) }

// checkText reports a character that XML 1.0 cannot carry (control characters,
// U+FFFE/U+FFFF, broken UTF-8). Tab and newline are allowed: they become w:tab and w:br.
func checkText(s string, pos model.Pos) error {
	for i, r := range s {
		bad := r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") ||
			r < 0x20 && r != '\t' && r != '\n' && r != '\r' ||
			r == 0xFFFE || r == 0xFFFF
		if bad {
			return fmt.Errorf("%s: 文字中有无法写入 DOCX 的字符 %U，请删除", pos, r)
		}
	}
	return nil
}

// rFonts names a role's font for every script (ascii, hAnsi, eastAsia, cs), so digits,
// Latin letters and the marks Unicode shares between scripts (“ ” ‘ ’ — …) are set in
// the role's font as in the PDF, never in a theme font or an application's Latin
// default (LibreOffice showed light serif digits beside 小标宋). hint="eastAsia" makes
// Word treat the shared marks as east-Asian (ECMA-376 Part 1 §17.3.2.26): full width.
func rFonts(f layout.FontRole, hint bool) string {
	h := ""
	if hint {
		h = ` w:hint="eastAsia"`
	}
	latin := latinFont(f)
	return fmt.Sprintf(`<w:rFonts%s w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:cs="%s"/>`,
		h, esc(latin), esc(f.Docx), esc(latin), esc(latin))
}

// latinFont is the font of a role's digits and Latin letters: the preset's `latin`
// when it names one, else the role's own font.
func latinFont(f layout.FontRole) string {
	if f.Latin != "" {
		return f.Latin
	}
	return f.Docx
}

// halfPoints is a font size in the half points of w:sz.
func halfPoints(size layout.Pt) int { return int(float64(size)*2 + 0.5) }

// twips converts a length to twentieths of a point, rounding to the nearest.
func twips(v layout.Pt) int {
	if v < 0 {
		return -(-v).Twips()
	}
	return v.Twips()
}

// mmTwips converts millimetres to twips.
func mmTwips(v layout.MM) int { return twips(v.Pt()) }

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }

// runText writes text as the content of a w:r: w:t pieces, with w:br for a newline and
// w:tab for a tab.
func runText(b *strings.Builder, text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	start := 0
	flush := func(end int) {
		if end > start {
			t := text[start:end]
			if strings.TrimSpace(t) != t {
				b.WriteString(`<w:t xml:space="preserve">`)
			} else {
				b.WriteString(`<w:t>`)
			}
			b.WriteString(esc(t))
			b.WriteString(`</w:t>`)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i)
			b.WriteString(`<w:br/>`)
			start = i + 1
		case '\t':
			flush(i)
			b.WriteString(`<w:tab/>`)
			start = i + 1
		}
	}
	flush(len(text))
}
