// Package ofd draws typeset pages into an OFD file (GB/T 33190-2016), the fixed-layout
// format China's document exchange and archiving systems take. Like the PDF writer it
// decides nothing about layout: it places the same glyphs, rules, outlines and images at
// the same positions, in millimetres from the top-left corner of each page.
//
// The package is a zip of XML parts (see docs/ofd.md):
//
//	OFD.xml                        DocBody: DocInfo, DocRoot
//	Doc_0/Document.xml             CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes), Pages
//	Doc_0/PublicRes.xml            ColorSpaces, Fonts (each a TrueType subset in Res/)
//	Doc_0/DocumentRes.xml          MultiMedias (the seal, a PNG in Res/), when a page has one
//	Doc_0/Pages/Page_N/Content.xml one Layer of TextObject, PathObject and ImageObject
//
// Every position is an integer number of micrometres, written in millimetres, and a
// text's DeltaX are differences of rounded positions, so rounding never accumulates
// along a line. The same input gives the same bytes.
package ofd

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Face is a font the OFD embeds a subset of. *fonts.Face implements it.
type Face interface {
	typeset.Face
	// Subset returns a TrueType file with the glyphs of runes, mapped by its cmap.
	Subset(runes []rune) ([]byte, error)
	// Metrics returns the font's bounding box and PostScript name.
	Metrics() fonts.Metrics
	// Family returns the font's family name.
	Family() string
}

// Meta is the document information written into OFD.xml.
type Meta struct {
	Title  string
	Author string
	Date   time.Time // the creation date and the zip's file times; fixed, so the bytes repeat
	// Images holds the decoded pictures the pages place (the seal), by path.
	Images map[string]image.Image
}

// The namespace of every element (GB/T 33190-2016 §7.1).
const namespace = "http://www.ofdspec.org/2016"

// doc is a document being written: its resources, each with its ID.
type doc struct {
	ids    int // the last ID given
	fonts  []*font
	byRole map[layout.Role]*font
	spaces []*colorSpace
	inks   [2]ink // by typeset.Ink
	media  []*medium
	byPath map[string]*medium
}

type font struct {
	id    int
	role  layout.Role
	face  Face
	runes []rune
	file  string // its name in Res/
	data  []byte
	bbox  [4]float64 // head's xMin, yMin, xMax, yMax in em
}

type colorSpace struct {
	id  int
	typ string // GRAY or CMYK
}

// ink is a colour as OFD writes it: its colour space and its components, 8 bits each.
type ink struct {
	space *colorSpace
	value string
}

type medium struct {
	id   int
	path string
	file string // its name in Res/
	data []byte // PNG
}

// Write draws the pages of res into an OFD package. faces supplies each role's font;
// only the glyphs drawn are embedded. Nothing is written to w unless the whole package
// could be built.
func Write(w io.Writer, res *typeset.Result, faces map[layout.Role]Face, meta Meta) error {
	d := &doc{byRole: map[layout.Role]*font{}, byPath: map[string]*medium{}}
	if err := d.collect(res, faces, meta.Images); err != nil {
		return err
	}
	type part struct {
		name string
		data []byte
	}
	var parts []part
	pageIDs := make([]int, len(res.Pages))
	for i := range res.Pages {
		pageIDs[i] = d.id()
	}
	var contents [][]byte
	for _, pg := range res.Pages {
		contents = append(contents, d.content(pg))
	}
	parts = append(parts, part{"Doc_0/Document.xml", d.document(res, pageIDs)})
	parts = append(parts, part{"Doc_0/PublicRes.xml", d.publicRes()})
	if len(d.media) > 0 {
		parts = append(parts, part{"Doc_0/DocumentRes.xml", d.documentRes()})
	}
	for i, c := range contents {
		parts = append(parts, part{fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), c})
	}
	for _, f := range d.fonts {
		parts = append(parts, part{"Doc_0/Res/" + f.file, f.data})
	}
	for _, m := range d.media {
		parts = append(parts, part{"Doc_0/Res/" + m.file, m.data})
	}
	// The document's identifier is a hash of its parts: the same document, the same ID.
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p.name))
		h.Write(p.data)
	}
	docID := hex.EncodeToString(h.Sum(nil)[:16])
	parts = slices.Insert(parts, 0, part{"OFD.xml", entry(docID, meta)})

	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: meta.Date})
		if err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
		if _, err := f.Write(p.data); err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	return nil
}

// id returns the next free ID.
func (d *doc) id() int {
	d.ids++
	return d.ids
}

// collect gives an ID to every resource the pages use, in a fixed order: colour spaces,
// fonts by role, images in order of first use. It subsets the fonts and encodes the
// images.
func (d *doc) collect(res *typeset.Result, faces map[layout.Role]Face, images map[string]image.Image) error {
	var used [2]bool
	mark := func(k typeset.Ink) error {
		if int(k) >= len(used) {
			return fmt.Errorf("ofd: 未知的油墨 %d", k)
		}
		used[k] = true
		return nil
	}
	runes := res.Runes()
	for _, pg := range res.Pages {
		for _, r := range pg.Rules {
			if err := mark(r.Color); err != nil {
				return err
			}
		}
		for _, sh := range pg.Shapes {
			if err := mark(sh.Color); err != nil {
				return err
			}
			for _, s := range sh.Segs {
				if !strings.ContainsRune("MLQZ", rune(s.Op)) {
					return fmt.Errorf("ofd: 第 %d 页：未知的路径操作 %q", pg.Number, s.Op)
				}
			}
		}
		for _, l := range lines(pg) {
			for _, r := range l.Runs {
				if r.Text == "" {
					continue
				}
				if err := mark(r.Color); err != nil {
					return err
				}
				if faces[r.Font] == nil {
					return fmt.Errorf("ofd: no font for role %q", r.Font)
				}
			}
		}
	}
	for k, u := range used {
		if !u {
			continue
		}
		c := res.CMYK(typeset.Ink(k))
		typ, value := "CMYK", ""
		if c.Gray() {
			typ, value = "GRAY", strconv.Itoa(component(100-c[3]))
		} else {
			var v []string
			for _, x := range c {
				v = append(v, strconv.Itoa(component(x)))
			}
			value = strings.Join(v, " ")
		}
		i := slices.IndexFunc(d.spaces, func(s *colorSpace) bool { return s.typ == typ })
		if i < 0 {
			d.spaces = append(d.spaces, &colorSpace{id: d.id(), typ: typ})
			i = len(d.spaces) - 1
		}
		d.inks[k] = ink{d.spaces[i], value}
	}

	roles := make([]layout.Role, 0, len(runes))
	for r := range runes {
		roles = append(roles, r)
	}
	slices.Sort(roles)
	for i, role := range roles {
		face := faces[role]
		data, err := face.Subset(runes[role])
		if err != nil {
			return fmt.Errorf("ofd: 字体 %s：%w", role, err)
		}
		m := face.Metrics()
		em := float64(m.UnitsPerEm)
		f := &font{id: d.id(), role: role, face: face, runes: runes[role], data: data,
			file: fmt.Sprintf("font_%d.ttf", i+1),
			bbox: [4]float64{float64(m.BBox[0]) / em, float64(m.BBox[1]) / em, float64(m.BBox[2]) / em, float64(m.BBox[3]) / em}}
		d.fonts = append(d.fonts, f)
		d.byRole[role] = f
	}

	pictures, err := res.Pictures(images)
	if err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	for _, p := range pictures {
		var data bytes.Buffer
		if err := png.Encode(&data, p.Image); err != nil {
			return fmt.Errorf("ofd: 图片 %s：%w", p.Path, err)
		}
		m := &medium{id: d.id(), path: p.Path, file: fmt.Sprintf("image_%d.png", len(d.media)+1), data: data.Bytes()}
		d.media = append(d.media, m)
		d.byPath[p.Path] = m
	}
	return nil
}

// component is a percentage of ink as an 8-bit colour component.
func component(pct float64) int {
	return int(min(max(pct, 0), 100)*255/100 + 0.5)
}

// lines are a page's lines of text in reading order: its lines, then its number.
func lines(pg *typeset.Page) []*typeset.Line {
	if pg.Folio == nil {
		return pg.Lines
	}
	return append(pg.Lines[:len(pg.Lines):len(pg.Lines)], pg.Folio)
}

// entry returns OFD.xml, the package's entry point (§7.4).
func entry(docID string, meta Meta) []byte {
	x := newXML()
	x.open("OFD", "xmlns:ofd", namespace, "Version", "1.0", "DocType", "OFD")
	x.open("DocBody")
	x.open("DocInfo")
	x.leaf("DocID", docID)
	if meta.Title != "" {
		x.leaf("Title", meta.Title)
	}
	if meta.Author != "" {
		x.leaf("Author", meta.Author)
	}
	x.leaf("CreationDate", meta.Date.Format("2006-01-02"))
	x.leaf("Creator", "gongwen")
	x.close("DocInfo")
	x.leaf("DocRoot", "Doc_0/Document.xml")
	x.close("DocBody")
	x.close("OFD")
	return x.bytes()
}

// document returns Doc_0/Document.xml (§7.5): the common data and the list of pages.
// The page area is the first page's; a page of another size states its own.
func (d *doc) document(res *typeset.Result, pageIDs []int) []byte {
	x := newXML()
	x.open("Document", "xmlns:ofd", namespace)
	x.open("CommonData")
	x.leaf("MaxUnitID", strconv.Itoa(d.ids))
	x.open("PageArea")
	w, h := typeset.Pt(0), typeset.Pt(0)
	if len(res.Pages) > 0 {
		w, h = res.Pages[0].Width, res.Pages[0].Height
	}
	x.leaf("PhysicalBox", box(0, 0, um(w), um(h)))
	x.close("PageArea")
	x.leaf("PublicRes", "PublicRes.xml")
	if len(d.media) > 0 {
		x.leaf("DocumentRes", "DocumentRes.xml")
	}
	x.close("CommonData")
	x.open("Pages")
	for i, id := range pageIDs {
		x.empty("Page", "ID", strconv.Itoa(id), "BaseLoc", fmt.Sprintf("Pages/Page_%d/Content.xml", i))
	}
	x.close("Pages")
	x.close("Document")
	return x.bytes()
}

// publicRes returns Doc_0/PublicRes.xml (§7.9): colour spaces and fonts.
func (d *doc) publicRes() []byte {
	x := newXML()
	x.open("Res", "xmlns:ofd", namespace, "BaseLoc", "Res")
	if len(d.spaces) > 0 {
		x.open("ColorSpaces")
		for _, s := range d.spaces {
			x.empty("ColorSpace", "ID", strconv.Itoa(s.id), "Type", s.typ, "BitsPerComponent", "8")
		}
		x.close("ColorSpaces")
	}
	if len(d.fonts) > 0 {
		x.open("Fonts")
		for _, f := range d.fonts {
			family := f.face.Family()
			name := f.face.Metrics().PostScriptName
			if name == "" {
				name = family
			}
			x.open("Font", "ID", strconv.Itoa(f.id), "FontName", name, "FamilyName", family)
			x.leaf("FontFile", f.file)
			x.close("Font")
		}
		x.close("Fonts")
	}
	x.close("Res")
	return x.bytes()
}

// documentRes returns Doc_0/DocumentRes.xml: the images.
func (d *doc) documentRes() []byte {
	x := newXML()
	x.open("Res", "xmlns:ofd", namespace, "BaseLoc", "Res")
	x.open("MultiMedias")
	for _, m := range d.media {
		x.open("MultiMedia", "ID", strconv.Itoa(m.id), "Type", "Image", "Format", "PNG")
		x.leaf("MediaFile", m.file)
		x.close("MultiMedia")
	}
	x.close("MultiMedias")
	x.close("Res")
	return x.bytes()
}
