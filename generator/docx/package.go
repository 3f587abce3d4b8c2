package docx

import (
	"sort"
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

const (
	ctMain  = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// contentTypesXML writes [Content_Types].xml; extra are the parts only some
// documents have (headers, further footers, images).
func contentTypesXML(extra []part) []byte {
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	for _, e := range extra {
		if strings.HasSuffix(e.name, ".png") {
			b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
			break
		}
	}
	overrides := [][2]string{
		{"/word/document.xml", ctMain + "document.main+xml"},
		{"/word/styles.xml", ctMain + "styles+xml"},
		{"/word/settings.xml", ctMain + "settings+xml"},
		{"/word/fontTable.xml", ctMain + "fontTable+xml"},
		{"/word/footer1.xml", ctMain + "footer+xml"},
		{"/word/footer2.xml", ctMain + "footer+xml"},
	}
	for _, e := range extra {
		switch {
		case strings.HasPrefix(e.name, "word/footer"):
			overrides = append(overrides, [2]string{"/" + e.name, ctMain + "footer+xml"})
		case strings.HasPrefix(e.name, "word/header"):
			overrides = append(overrides, [2]string{"/" + e.name, ctMain + "header+xml"})
		}
	}
	overrides = append(overrides,
		[2]string{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		[2]string{"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"})
	for _, o := range overrides {
		b.WriteString(`<Override PartName="` + o[0] + `" ContentType="` + o[1] + `"/>`)
	}
	b.WriteString(`</Types>`)
	return []byte(b.String())
}

// rels writes a relationships part; each entry is id, type, target.
func rels(entries [][3]string) []byte {
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, e := range entries {
		b.WriteString(`<Relationship Id="` + e[0] + `" Type="` + e[1] + `" Target="` + e[2] + `"/>`)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

func packageRelsXML() []byte {
	return rels([][3]string{
		{"rId1", relBase + "officeDocument", "word/document.xml"},
		{"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"},
		{"rId3", relBase + "extended-properties", "docProps/app.xml"},
	})
}

func documentRelsXML(extra [][3]string) []byte {
	return rels(append([][3]string{
		{ridStyles, relBase + "styles", "styles.xml"},
		{ridSettings, relBase + "settings", "settings.xml"},
		{ridFontTable, relBase + "fontTable", "fontTable.xml"},
		{ridFooterOdd, relBase + "footer", "footer1.xml"},
		{ridFooterEven, relBase + "footer", "footer2.xml"},
	}, extra...))
}

// eastAsianCompat are the w:compat flags that Word and WPS write into every document
// made with Chinese settings (23 real 公文 examined) and that suit a 公文, in the schema's
// order (CT_Compat is a sequence). Their meanings (ECMA-376 Part 4 transitional,
// ISO/IEC 29500-1 §17.15.3) are in docs/docx.md. Left out of that set on purpose:
// doNotLeaveBackslashAlone (displays \ as ¥) and adjustLineHeightInTable (adds the
// grid's pitch to lines in table cells, which have their own 20 pt pitch, spec §9).
var eastAsianCompat = []string{
	"spaceForUL",                       // room below the baseline for underlined CJK text
	"balanceSingleByteDoubleByteWidth", // half-width exactly half a full-width cell
	"ulTrailSpace",                     // underline trailing spaces (fill-in blanks)
	"doNotExpandShiftReturn",           // a line ending in w:br is not justified
	"useFELayout",                      // lay out east-Asian text with the CJK rules
}

// settingsXML writes word/settings.xml: different odd and even footers, mirrored
// margins when the preset asks for them, punctuation not compressed (each mark keeps a
// full cell of the 28-character line), the east-Asian compatibility flags and Word
// 2013+ layout (compatibility mode 15).
func (w *writer) settingsXML() []byte {
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:settings xmlns:w="` + nsW + `">`)
	if w.p.Page.Mirror {
		b.WriteString(`<w:mirrorMargins/>`)
	}
	b.WriteString(`<w:evenAndOddHeaders/>`)
	b.WriteString(`<w:characterSpacingControl w:val="doNotCompress"/>`)
	b.WriteString(`<w:compat>`)
	for _, c := range eastAsianCompat {
		b.WriteString(`<w:` + c + `/>`)
	}
	for _, c := range [][2]string{
		{"compatibilityMode", "15"},
		{"overrideTableStyleFontSizeAndJustification", "1"},
		{"enableOpenTypeFeatures", "1"},
		{"doNotFlipMirrorIndents", "1"},
	} {
		b.WriteString(`<w:compatSetting w:name="` + c[0] + `" w:uri="http://schemas.microsoft.com/office/word" w:val="` + c[1] + `"/>`)
	}
	b.WriteString(`</w:compat>`)
	b.WriteString(`</w:settings>`)
	return []byte(b.String())
}

// fontTableXML writes word/fontTable.xml: every font the runs name, described so that
// Word finds a good substitute when a font is missing (ECMA-376 Part 1 §17.8.3): a
// fallback name (w:altName), PANOSE, character set, family, pitch and the Unicode and
// code-page coverage (w:sig) of the real font (fontinfo.go).
func (w *writer) fontTableXML() []byte {
	roles := make([]string, 0, len(w.p.Fonts))
	for r := range w.p.Fonts {
		roles = append(roles, string(r))
	}
	sort.Strings(roles)
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:fonts xmlns:w="` + nsW + `">`)
	seen := map[string]bool{}
	for _, r := range roles {
		fr := w.p.Fonts[layout.Role(r)]
		for _, name := range []string{fr.Docx, fr.Latin} {
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			b.WriteString(describeFont(name, fr).xml(name))
		}
	}
	b.WriteString(`</w:fonts>`)
	return []byte(b.String())
}

// corePropsXML writes docProps/core.xml: title and author, no dates (the output must
// not depend on the clock).
func corePropsXML(doc *model.Document) []byte {
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	title := doc.Title
	if title == "" {
		title = strings.Join(doc.TitleLines, "")
	}
	b.WriteString(`<dc:title>` + esc(title) + `</dc:title>`)
	b.WriteString(`<dc:creator>` + esc(doc.Author) + `</dc:creator>`)
	b.WriteString(`<dc:language>zh-CN</dc:language>`)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

// appPropsXML writes docProps/app.xml.
func appPropsXML() []byte {
	return []byte(xmlPI + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>gongwen</Application><DocSecurity>0</DocSecurity></Properties>`)
}
