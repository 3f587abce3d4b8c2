package docx

import (
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
)

// footerXML writes the footer of odd or even pages: the page number "— N —" (§7.5) as
// the preset's format around a PAGE field, in the page-number role's font and size,
// odd pages at the right and even pages at the left, the preset's indent in from the
// 版心 edge. Word shows the default footer on odd pages and the even one on even pages
// (w:evenAndOddHeaders in settings.xml).
func (w *writer) footerXML(even bool) []byte {
	pn := w.p.PageNumber
	align, side, sample := pn.Odd, "right", "1"
	if even {
		align, sample = pn.Even, "2"
	}
	if align == layout.Left {
		side = "left"
	}
	prefix, suffix, hasNumber := strings.Cut(pn.Format, "%d")
	if !hasNumber {
		suffix = ""
	}
	font := rFonts(w.p.Fonts[pn.Role], true)
	r := func(inner string) string { return `<w:r><w:rPr>` + font + `</w:rPr>` + inner + `</w:r>` }

	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr>`)
	b.WriteString(`<w:pStyle w:val="` + stylePageNum + `"/>`)
	ind := ""
	if align != layout.Center {
		ind = `<w:ind w:` + side + `="` + itoa(twips(pn.Indent)) + `"/>`
	}
	b.WriteString(ind + `<w:jc w:val="` + jc(align) + `"/></w:pPr>`)
	if prefix != "" {
		var t strings.Builder
		runText(&t, prefix)
		b.WriteString(r(t.String()))
	}
	if hasNumber {
		b.WriteString(r(`<w:fldChar w:fldCharType="begin"/>`))
		b.WriteString(r(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`))
		b.WriteString(r(`<w:fldChar w:fldCharType="separate"/>`))
		b.WriteString(r(`<w:t>` + sample + `</w:t>`))
		b.WriteString(r(`<w:fldChar w:fldCharType="end"/>`))
	}
	if suffix != "" {
		var t strings.Builder
		runText(&t, suffix)
		b.WriteString(r(t.String()))
	}
	b.WriteString(`</w:p></w:ftr>`)
	return []byte(b.String())
}

// blankFooterXML is the footer of a page that shows no number: the 版记 page and a
// blank page before it (§7.5). It is referenced explicitly, because a section without
// a footer of its own would take the previous section's.
func blankFooterXML() []byte {
	return []byte(xmlPI + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="` +
		stylePageNum + `"/></w:pPr></w:p></w:ftr>`)
}
