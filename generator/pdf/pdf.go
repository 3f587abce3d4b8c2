// Package pdf draws typeset pages into a PDF with codeberg.org/go-pdf/fpdf. It
// decides nothing about layout: every run arrives with its font, size and position.
package pdf

import (
	"fmt"
	"io"
	"sort"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Subsetter cuts a font down to the characters a document uses. *fonts.Face
// implements it.
type Subsetter interface {
	Subset(runes []rune) ([]byte, error)
}

// Meta is the document information written into the PDF.
type Meta struct {
	Title  string
	Author string
	Date   time.Time // creation and modification date; fixed, so the bytes repeat
}

// Write draws the pages of res on pages of the preset's size. fonts supplies each
// role's font; only the characters drawn are embedded.
func Write(w io.Writer, res *typeset.Result, p *layout.Preset, fonts map[layout.Role]Subsetter, meta Meta) error {
	doc := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: float64(p.Page.Width.Pt()), Ht: float64(p.Page.Height.Pt())},
	})
	doc.SetAutoPageBreak(false, 0)
	doc.SetMargins(0, 0, 0)
	doc.SetCompression(true)
	doc.SetCatalogSort(true)
	doc.SetCreationDate(meta.Date)
	doc.SetModificationDate(meta.Date)
	doc.SetProducer("gongwen", false)
	doc.SetCreator("gongwen", false)
	doc.SetTitle(meta.Title, true)
	doc.SetAuthor(meta.Author, true)
	doc.SetLang("zh-CN")

	used := res.Runes()
	roles := make([]layout.Role, 0, len(used))
	for r := range used {
		roles = append(roles, r)
	}
	sort.Slice(roles, func(i, j int) bool { return roles[i] < roles[j] })
	for _, role := range roles {
		f := fonts[role]
		if f == nil {
			return fmt.Errorf("pdf: no font for role %q", role)
		}
		runes := used[role]
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		data, err := f.Subset(runes)
		if err != nil {
			return fmt.Errorf("pdf: font %s: %w", role, err)
		}
		doc.AddUTF8FontFromBytes(string(role), "", data)
		// fpdf reports a font it cannot read only through Err, so look right away.
		if err := doc.Error(); err != nil {
			return fmt.Errorf("pdf: font %s: %w", role, err)
		}
	}

	for _, pg := range res.Pages {
		doc.AddPage()
		tc := typeset.Pt(0)
		draw := func(l *typeset.Line) {
			for _, r := range l.Runs {
				if r.Tc != tc {
					doc.RawWriteStr(fmt.Sprintf("%.4f Tc", float64(r.Tc)))
					tc = r.Tc
				}
				doc.SetFont(string(r.Font), "", float64(r.Size))
				doc.Text(float64(r.X), float64(l.Baseline), r.Text)
			}
		}
		for _, l := range pg.Lines {
			draw(l)
		}
		if pg.Folio != nil {
			draw(pg.Folio)
		}
		if tc != 0 {
			doc.RawWriteStr("0 Tc")
		}
	}
	if err := doc.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}
