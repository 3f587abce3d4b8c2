// Package docx writes a model.Document as a WordprocessingML package (.docx) that
// Word, WPS and LibreOffice open as an editable 公文: real paragraph styles (正文, 标题,
// 一级标题 … 四级标题 with outline levels, 主送机关, 署名日期, 页码, 表格文字), explicit
// east-Asian and Latin fonts on every style and run, the page, margins and line grid of
// the layout preset, and odd/even footers with a PAGE field. Word lays the pages out
// itself; the values it needs all come from the preset (layouts/*.toml).
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
)

// Relationship ids of word/document.xml.
const (
	ridStyles     = "rId1"
	ridSettings   = "rId2"
	ridFontTable  = "rId3"
	ridFooterOdd  = "rId4"
	ridFooterEven = "rId5"
)

// zipTime is the modification time of every part: the ZIP epoch, so that the bytes do
// not depend on the clock.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writer holds what the parts are built from.
type writer struct {
	doc *model.Document
	p   *layout.Preset
}

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// Write writes doc as a WordprocessingML package laid out by the preset p.
//
// Every part is built in memory first, so a bad document returns an error before
// anything is written to w. The output is deterministic.
func Write(w io.Writer, doc *model.Document, p *layout.Preset) error {
	if doc == nil || p == nil {
		return errors.New("docx: 没有文档或版式")
	}
	for _, r := range []layout.Role{p.Title.Role, p.Recipient.Role, p.Body.Role, p.Heading1.Role,
		p.Heading2.Role, p.Heading3.Role, p.Heading4.Role, p.Signature.Role, p.PageNumber.Role,
		p.Table.Role, p.Table.HeaderRole, p.Table.TitleRole, p.Table.LabelRole} {
		if _, ok := p.Fonts[r]; !ok {
			return fmt.Errorf("docx: 版式「%s」没有定义字体角色「%s」", p.Name, r)
		}
	}
	for _, t := range [][2]string{{"title", doc.Title}, {"author", doc.Author}} {
		if err := checkText(t[1], model.Pos{File: t[0]}); err != nil {
			return err
		}
	}
	wr := &writer{doc: doc, p: p}
	document, err := wr.documentXML()
	if err != nil {
		return err
	}
	parts := []part{
		{"[Content_Types].xml", contentTypesXML()},
		{"_rels/.rels", packageRelsXML()},
		{"word/document.xml", document},
		{"word/_rels/document.xml.rels", documentRelsXML()},
		{"word/styles.xml", wr.stylesXML()},
		{"word/settings.xml", wr.settingsXML()},
		{"word/fontTable.xml", wr.fontTableXML()},
		{"word/footer1.xml", wr.footerXML(false)},
		{"word/footer2.xml", wr.footerXML(true)},
		{"docProps/core.xml", corePropsXML(doc)},
		{"docProps/app.xml", appPropsXML()},
	}
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
