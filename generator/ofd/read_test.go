package ofd_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/fonts"
)

// A reader of the OFD packages gongwen writes, for the tests: it follows the package
// from OFD.xml through Document.xml to the resources and pages, checks every part
// against the schema (schema_test.go) and every reference, and returns the text and
// positions drawn.

const namespace = "http://www.ofdspec.org/2016"

// node is an XML element.
type node struct {
	space, name string
	attrs       []attr
	children    []*node
	text        string
}

type attr struct{ name, value string }

func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// parseXML reads a document into its root element. Namespace declarations are not
// attributes.
func parseXML(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{space: tok.Name.Space, name: tok.Name.Local}
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				n.attrs = append(n.attrs, attr{a.Name.Local, a.Value})
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

// pkg is an OFD package read back.
type pkg struct {
	names                  []string // the zip's entries in order
	files                  map[string][]byte
	docID, title, author   string
	creationDate           string
	maxUnitID              int
	pageWidth, pageHeight  float64 // CommonData's page area, mm
	fonts                  map[int]*readFont
	spaces                 map[int]string // colour space ID → Type
	media                  map[int][]byte
	pages                  []*readPage
	problems               []string
	ids                    map[int]string // every ID → where it was given
	contentPaths, resPaths []string
}

type readFont struct {
	name, family string
	face         *fonts.Face
	tables       []string
}

type readPage struct {
	width, height float64
	texts         []*readText
	paths         []*readPath
	images        []*readImage
}

// readText is a TextObject: its glyphs' origins on the page in mm.
type readText struct {
	font         int
	size         float64
	text         string
	xs           []float64
	y            float64
	fill, stroke string // ColorSpace Type and Value
	bold         bool
	boundary     [4]float64
	cgTransforms int
}

type readPath struct {
	boundary     [4]float64
	stroke, fill string
	lineWidth    float64
	data         string
}

type readImage struct {
	boundary [4]float64
	ctm      string
	resource int
}

func (p *pkg) problem(format string, args ...any) {
	p.problems = append(p.problems, fmt.Sprintf(format, args...))
}

// resolve returns the zip entry named by loc, relative to the folder dir (§7.3: a
// location starting with / is from the package's root).
func resolve(dir, loc string) string {
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return path.Clean(path.Join(dir, loc))
}

// part reads and validates the XML part name, whose root must be root.
func (p *pkg) part(name, root string) *node {
	data, ok := p.files[name]
	if !ok {
		p.problem("part %s is missing", name)
		return nil
	}
	n, err := parseXML(data)
	if err != nil {
		p.problem("%s: %v", name, err)
		return nil
	}
	if n.name != root {
		p.problem("%s: root %s, want %s", name, n.name, root)
		return nil
	}
	for _, e := range validate(n, rootTypes[root], "") {
		p.problem("%s: %s", name, e)
	}
	return n
}

// id records the ID of an element and returns it.
func (p *pkg) id(n *node, where string) int {
	s, _ := n.attr("ID")
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		p.problem("%s: ID %q is not a positive integer", where, s)
		return 0
	}
	if prev, ok := p.ids[id]; ok {
		p.problem("%s: ID %d is already %s", where, id, prev)
	}
	p.ids[id] = where
	return id
}

// read reads an OFD package. Problems with its structure are in pkg.problems; an error
// is a package that cannot be read at all.
func read(data []byte) (*pkg, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	p := &pkg{files: map[string][]byte{}, fonts: map[int]*readFont{}, spaces: map[int]string{},
		media: map[int][]byte{}, ids: map[int]string{}}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		p.names = append(p.names, f.Name)
		p.files[f.Name] = b
	}

	root := p.part("OFD.xml", "OFD")
	if root == nil {
		return p, nil
	}
	body := root.child("DocBody")
	if info := body.child("DocInfo"); info != nil {
		for _, c := range info.children {
			switch c.name {
			case "DocID":
				p.docID = c.text
			case "Title":
				p.title = c.text
			case "Author":
				p.author = c.text
			case "CreationDate":
				p.creationDate = c.text
			}
		}
	}
	docRoot := body.child("DocRoot")
	if docRoot == nil {
		return p, nil
	}
	docPath := resolve("", docRoot.text)
	doc := p.part(docPath, "Document")
	if doc == nil {
		return p, nil
	}
	docDir := path.Dir(docPath)
	common := doc.child("CommonData")
	p.maxUnitID, _ = strconv.Atoi(common.child("MaxUnitID").text)
	if box := parseBox(common.child("PageArea").child("PhysicalBox").text); box != nil {
		p.pageWidth, p.pageHeight = box[2], box[3]
	}
	for _, c := range common.children {
		if c.name == "PublicRes" || c.name == "DocumentRes" {
			p.readRes(resolve(docDir, c.text))
		}
	}
	for i, pg := range doc.child("Pages").children {
		p.id(pg, fmt.Sprintf("page %d", i+1))
		loc, _ := pg.attr("BaseLoc")
		p.readPage(resolve(docDir, loc))
	}
	for id, where := range p.ids {
		if id > p.maxUnitID {
			p.problem("%s: ID %d > MaxUnitID %d", where, id, p.maxUnitID)
		}
	}
	if _, ok := p.ids[p.maxUnitID]; !ok {
		p.problem("MaxUnitID %d is no object's ID", p.maxUnitID)
	}
	return p, nil
}

// readRes reads a resource file: colour spaces, fonts (parsed from their files) and
// multimedia.
func (p *pkg) readRes(name string) {
	p.resPaths = append(p.resPaths, name)
	res := p.part(name, "Res")
	if res == nil {
		return
	}
	base := path.Dir(name)
	if loc, ok := res.attr("BaseLoc"); ok {
		base = resolve(base, loc)
	}
	file := func(loc string) []byte {
		f := resolve(base, loc)
		data, ok := p.files[f]
		if !ok {
			p.problem("%s: file %s (%s) is missing", name, loc, f)
		}
		return data
	}
	for _, group := range res.children {
		for _, c := range group.children {
			id := p.id(c, name+" "+c.name)
			switch c.name {
			case "ColorSpace":
				p.spaces[id], _ = c.attr("Type")
			case "Font":
				f := &readFont{}
				f.name, _ = c.attr("FontName")
				f.family, _ = c.attr("FamilyName")
				if ff := c.child("FontFile"); ff != nil {
					data := file(ff.text)
					if data != nil {
						face, err := fonts.Parse(data, ff.text)
						if err != nil {
							p.problem("%s: font %d: %v", name, id, err)
						}
						f.face = face
						f.tables = sfntTables(data)
					}
				}
				p.fonts[id] = f
			case "MultiMedia":
				p.media[id] = file(c.child("MediaFile").text)
			}
		}
	}
}

// sfntTables lists the tags of a TrueType file's tables.
func sfntTables(data []byte) []string {
	if len(data) < 12 {
		return nil
	}
	n := int(data[4])<<8 | int(data[5])
	var tags []string
	for i := range n {
		off := 12 + 16*i
		if off+4 > len(data) {
			break
		}
		tags = append(tags, string(data[off:off+4]))
	}
	return tags
}

// readPage reads a page's content: its size and objects, every reference checked.
func (p *pkg) readPage(name string) {
	p.contentPaths = append(p.contentPaths, name)
	page := p.part(name, "Page")
	rp := &readPage{width: p.pageWidth, height: p.pageHeight}
	p.pages = append(p.pages, rp)
	if page == nil {
		return
	}
	if a := page.child("Area"); a != nil {
		if box := parseBox(a.child("PhysicalBox").text); box != nil {
			rp.width, rp.height = box[2], box[3]
		}
	}
	content := page.child("Content")
	if content == nil {
		return
	}
	color := func(n *node, where string) string {
		if n == nil {
			return ""
		}
		cs, _ := n.attr("ColorSpace")
		id, _ := strconv.Atoi(cs)
		typ, ok := p.spaces[id]
		if !ok {
			p.problem("%s: colour space %q is not a resource", where, cs)
		}
		v, _ := n.attr("Value")
		return typ + " " + v
	}
	for _, layer := range content.children {
		p.id(layer, name+" Layer")
		for _, o := range layer.children {
			where := fmt.Sprintf("%s %s", name, o.name)
			p.id(o, where)
			b, _ := o.attr("Boundary")
			bound := parseBox(b)
			if bound == nil {
				p.problem("%s: Boundary %q", where, b)
				bound = make([]float64, 4)
			}
			switch o.name {
			case "TextObject":
				t := &readText{boundary: [4]float64(bound)}
				fs, _ := o.attr("Font")
				t.font, _ = strconv.Atoi(fs)
				f := p.fonts[t.font]
				if f == nil {
					p.problem("%s: font %q is not a resource", where, fs)
				}
				sz, _ := o.attr("Size")
				t.size, _ = strconv.ParseFloat(sz, 64)
				st, _ := o.attr("Stroke")
				t.bold = st == "true"
				t.fill = color(o.child("FillColor"), where)
				t.stroke = color(o.child("StrokeColor"), where)
				for _, c := range o.children {
					switch c.name {
					case "CGTransform":
						t.cgTransforms++
					case "TextCode":
						p.textCode(t, c, where, f)
					}
				}
				rp.texts = append(rp.texts, t)
			case "PathObject":
				pa := &readPath{boundary: [4]float64(bound), data: o.child("AbbreviatedData").text}
				pa.stroke = color(o.child("StrokeColor"), where)
				pa.fill = color(o.child("FillColor"), where)
				lw, _ := o.attr("LineWidth")
				pa.lineWidth, _ = strconv.ParseFloat(lw, 64)
				rp.paths = append(rp.paths, pa)
			case "ImageObject":
				im := &readImage{boundary: [4]float64(bound)}
				im.ctm, _ = o.attr("CTM")
				rid, _ := o.attr("ResourceID")
				im.resource, _ = strconv.Atoi(rid)
				if _, ok := p.media[im.resource]; !ok {
					p.problem("%s: resource %q is not a multimedia resource", where, rid)
				}
				rp.images = append(rp.images, im)
			}
		}
	}
}

// textCode adds a TextCode's glyphs to t: X and Y from the boundary's corner, then
// DeltaX from glyph to glyph, one fewer than the characters. Every character must be in
// the embedded font.
func (p *pkg) textCode(t *readText, c *node, where string, f *readFont) {
	xs, okX := c.attr("X")
	ys, okY := c.attr("Y")
	if !okX || !okY {
		p.problem("%s: TextCode without X and Y", where)
	}
	x, _ := strconv.ParseFloat(xs, 64)
	y, _ := strconv.ParseFloat(ys, 64)
	x += t.boundary[0]
	t.y = y + t.boundary[1]
	runes := []rune(c.text)
	var deltas []float64
	if d, ok := c.attr("DeltaX"); ok {
		for _, s := range strings.Fields(d) {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				p.problem("%s: DeltaX %q: only plain numbers are written", where, s)
			}
			deltas = append(deltas, v)
		}
	}
	if len(runes) > 0 && len(deltas) != len(runes)-1 {
		p.problem("%s: %d characters, %d DeltaX", where, len(runes), len(deltas))
	}
	for i, r := range runes {
		if i > 0 && i-1 < len(deltas) {
			x += deltas[i-1]
		}
		t.xs = append(t.xs, x)
		if f != nil && f.face != nil && !f.face.Has(r) {
			p.problem("%s: 「%c」 is not in font %s's cmap", where, r, f.name)
		}
	}
	t.text += c.text
}

func parseBox(s string) []float64 {
	f := strings.Fields(s)
	if len(f) != 4 {
		return nil
	}
	out := make([]float64, 4)
	for i, v := range f {
		var err error
		if out[i], err = strconv.ParseFloat(v, 64); err != nil {
			return nil
		}
	}
	return out
}

// text returns the text of a page in reading order.
func (rp *readPage) text() string {
	var b strings.Builder
	for _, t := range rp.texts {
		b.WriteString(t.text)
	}
	return b.String()
}
