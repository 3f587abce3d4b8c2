package docx

import (
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

// pdfPages is what the DOCX takes from the PDF's pagination. Word lays the pages out
// itself, but three things depend on where pages end, which no word processor can
// compute from styles: whether the 版记 shares the last page of the text or needs a
// new page (and a blank page before it, to stand on an even page), and which pages
// show no number. The writer is handed the pages typeset with the bundled fonts (the
// PDF's own with --bundled-fonts, and the free fonts LibreOffice maps the standard's
// names to), so the DOCX breaks where the PDF does. It also takes the PDF's title lines, so
// a title the author did not break is broken alike in both.
type pdfPages struct {
	ok    bool
	pages int // pages of the PDF
	title []string
	mark  []typeset.Shape // the 标志 as the PDF draws it, when the preset draws it as shapes

	// The 版记 (when the document has one): the last page of the text, the 版记's page,
	// whether a blank page stands between them (then neither shows a number, §7.5).
	textPage, imprintPage int
	blank                 bool
	ccLines               int // lines of the 版记's 抄送 in the PDF, on its last page
	// A 版记 longer than a page: the 抄送 lines on each of its pages before the last,
	// and on the last (the text of each line, "抄送：" on the first).
	ccPages [][]string
	ccLast  []string
}

// layoutPages reads what the DOCX needs from the pages res of doc. Without them (a
// user preset naming only its own font files has no pagination in the free fonts) it
// reports !ok, and the writer falls back to rules that need no pagination.
func layoutPages(doc *model.Document, p *layout.Preset, res *typeset.Result) pdfPages {
	if res == nil || len(res.Pages) == 0 {
		return pdfPages{}
	}
	out := pdfPages{ok: true, pages: len(res.Pages)}
	if p.Header.MarkOutlines {
		out.mark = res.Pages[0].Shapes
	}

	// the title's lines: the first block of title lines on the grid
	titleBlock := -1
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if l.Kind == typeset.Title && l.Block > 0 && (titleBlock < 0 || l.Block == titleBlock) {
				titleBlock = l.Block
				out.title = append(out.title, l.Text())
			}
		}
		if titleBlock >= 0 {
			break
		}
	}

	if doc.Imprint.IsZero() {
		return out
	}
	text := func(pg *typeset.Page) bool { // the page carries text of the document (not the 版记)
		for _, l := range pg.Lines {
			if l.Block > 0 || l.Kind == typeset.Cell {
				return true
			}
		}
		return false
	}
	out.imprintPage = len(res.Pages)
	for i, pg := range res.Pages {
		if text(pg) {
			out.textPage = i + 1
		}
	}
	// the 版记's lines, page by page: 抄送, then the 印发 line
	var imprint [][]string
	start := 0 // the 版记's first page
	for i, pg := range res.Pages {
		var ls []string
		for _, l := range pg.Lines {
			if l.Kind == typeset.Imprint {
				ls = append(ls, l.Text())
			}
		}
		if len(ls) > 0 && start == 0 {
			start = i + 1
		}
		if start > 0 {
			imprint = append(imprint, ls)
		}
	}
	if start == 0 {
		return out
	}
	out.blank = start-out.textPage == 2
	out.ccLast = imprint[len(imprint)-1]
	if p.Imprint.Rules && (doc.Imprint.Printer != "" || !doc.Imprint.PrintDate.IsZero()) {
		out.ccLast = out.ccLast[:len(out.ccLast)-1]
	}
	if len(doc.Imprint.CC) == 0 {
		out.ccLast = nil
	}
	out.ccLines = len(out.ccLast)
	if len(imprint) > 1 {
		out.ccPages = imprint[:len(imprint)-1]
	} else {
		out.ccLast = nil // the whole 抄送 on one page: the writer sets it from the content
	}
	return out
}
