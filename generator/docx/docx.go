// Package docx writes a model.Document as a WordprocessingML package (.docx) that
// Word, WPS and LibreOffice open as an editable 公文: real paragraph styles (正文, 标题,
// 一级标题 … 四级标题 with outline levels, 主送机关, 署名日期, 页码, 表格文字, 版头, 发文机关标志,
// 附件说明, 版记 …), explicit east-Asian and Latin fonts on every style and run, the page,
// margins and line grid of the layout preset, and odd/even footers with a PAGE field.
// Word lays the pages out itself; the values it needs all come from the preset
// (layouts/*.toml), and where pages break matters (the 版记 on an even page, pages
// without a number) the writer follows the PDF's pagination (pages.go).
//
// The package is written with string building and archive/zip only, deterministically:
// the same document and preset give the same bytes.
package docx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Relationship ids of word/document.xml.
const (
	ridStyles          = "rId1"
	ridSettings        = "rId2"
	ridFontTable       = "rId3"
	ridFooterOdd       = "rId4"
	ridFooterEven      = "rId5"
	ridFooterFirst     = "rId6" // page 1 without a number (信函: with the red double line)
	ridHeaderFirst     = "rId7" // a 信函's 标志 and double line
	ridFooterBlank     = "rId8" // pages without a number: the 版记 page, a blank page
	ridFooterBlankEven = "rId9"
)

// Namespaces of a drawing (the seal image).
const (
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
)

// zipTime is the modification time of every part: the ZIP epoch, so that the bytes do
// not depend on the clock.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writer holds what the parts are built from.
type writer struct {
	doc   *model.Document
	p     *layout.Preset
	faces typeset.Fonts // the bundled fonts: which characters a role's font lacks
	pages pdfPages      // the PDF's pagination
	hdr   headerLayout  // the 版头's geometry

	markDrawing string // the 标志 as a picture anchored to the page (信函), or ""

	gap    int  // after a table that ends a text: space to the next grid line
	inCell int  // writing a table cell's paragraphs
	inBody bool // writing the body's own paragraphs

	parts        []part      // further parts (the seal image)
	rels         [][3]string // and their relationships from document.xml
	usedNoNumber bool        // a section shows no page numbers
}

// firstFooter reports whether page 1 has a footer of its own: no number (信函,
// first_page = false), and a 信函's double line at the foot.
func (w *writer) firstFooter() bool { return w.letter() || !w.p.PageNumber.First }

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// addPart adds a part related to document.xml and returns its relationship id.
func (w *writer) addPart(name, relType, _ string, data []byte) string {
	for i, pt := range w.parts {
		if pt.name == name {
			return w.rels[i][0]
		}
	}
	rid := fmt.Sprintf("rId%d", 100+len(w.parts))
	w.parts = append(w.parts, part{name, data})
	target := name[len("word/"):]
	w.rels = append(w.rels, [3]string{rid, relType, target})
	return rid
}

// Write writes doc as a WordprocessingML package laid out by the preset p. pages is
// the document typeset with the fonts a word processor will use (the bundled free
// fonts, which LibreOffice maps the standard's names to), faces those fonts: the DOCX
// breaks its pages where they break (pages.go) and names the fallback font where a
// role's font lacks a character. Without pages (nil) the writer follows rules that
// need no pagination.
//
// Every part is built in memory first, so a bad document returns an error before
// anything is written to w. The output is deterministic.
func Write(w io.Writer, doc *model.Document, p *layout.Preset, pages *typeset.Result, faces typeset.Fonts) error {
	if doc == nil || p == nil {
		return errors.New("docx: 没有文档或版式")
	}
	roles := []layout.Role{p.Title.Role, p.Recipient.Role, p.Body.Role, p.Heading1.Role,
		p.Heading2.Role, p.Heading3.Role, p.Heading4.Role, p.Signature.Role, p.PageNumber.Role,
		p.Table.Role, p.Table.HeaderRole, p.Table.TitleRole, p.Table.LabelRole}
	if !doc.Header.IsZero() {
		h := p.Header
		roles = append(roles, h.MarkRole, h.MetaRole, h.CopyNoRole, h.NumberRole)
		if len(doc.Header.Signers) > 0 {
			roles = append(roles, h.SignerLabelRole, h.SignerNameRole)
		}
	}
	if !doc.Imprint.IsZero() {
		roles = append(roles, p.Imprint.Role)
	}
	if len(doc.Attachments) > 0 {
		roles = append(roles, p.Attachments.LabelRole, p.Attachments.TitleRole)
	}
	if !doc.Attendance.IsZero() {
		roles = append(roles, p.Attendance.LabelRole)
	}
	for _, r := range roles {
		if _, ok := p.Fonts[r]; !ok {
			return fmt.Errorf("docx: 版式「%s」没有定义字体角色「%s」", p.Name, r)
		}
	}
	for _, t := range [][2]string{{"title", doc.Title}, {"author", doc.Author}} {
		if err := checkText(t[1], model.Pos{File: t[0]}); err != nil {
			return err
		}
	}
	wr := &writer{doc: doc, p: p, faces: faces, pages: layoutPages(doc, p, pages)}
	var err error
	if wr.markDrawing, err = wr.markAnchor(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	document, err := wr.documentXML()
	if err != nil {
		return err
	}
	// the parts only some documents have, with their relationships from document.xml
	var extra []part
	var extraRels [][3]string
	add := func(name, rid, kind string, data []byte) {
		extra = append(extra, part{name, data})
		extraRels = append(extraRels, [3]string{rid, relBase + kind, name[len("word/"):]})
	}
	if wr.firstFooter() {
		add("word/footer3.xml", ridFooterFirst, "footer", wr.letterFooterXML())
	}
	if wr.usedNoNumber {
		add("word/footer4.xml", ridFooterBlank, "footer", blankFooterXML())
		add("word/footer5.xml", ridFooterBlankEven, "footer", blankFooterXML())
	}
	if wr.letter() {
		add("word/header1.xml", ridHeaderFirst, "header", wr.letterHeaderXML(wr.hdr))
	}
	extra = append(extra, wr.parts...)
	extraRels = append(extraRels, wr.rels...)
	parts := []part{
		{"[Content_Types].xml", contentTypesXML(extra)},
		{"_rels/.rels", packageRelsXML()},
		{"word/document.xml", document},
		{"word/_rels/document.xml.rels", documentRelsXML(extraRels)},
		{"word/styles.xml", wr.stylesXML()},
		{"word/settings.xml", wr.settingsXML()},
		{"word/fontTable.xml", wr.fontTableXML()},
		{"word/footer1.xml", wr.footerXML(false)},
		{"word/footer2.xml", wr.footerXML(true)},
	}
	parts = append(parts, extra...)
	parts = append(parts,
		part{"docProps/core.xml", corePropsXML(doc)},
		part{"docProps/app.xml", appPropsXML()},
	)
	zw := zip.NewWriter(w)
	for _, pt := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: pt.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", pt.name, err)
		}
		if _, err := f.Write(pt.data); err != nil {
			return fmt.Errorf("docx: %s: %w", pt.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}
