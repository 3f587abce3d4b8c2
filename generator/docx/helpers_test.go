package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

// node is a parsed XML element: enough of a DOM to assert on parts.
type node struct {
	name     string // prefix-free local name
	space    string // namespace URI
	attrs    []xml.Attr
	children []*node
	text     string // character data directly inside
}

// attr returns the attribute with that local name, whatever its namespace.
func (n *node) attr(local string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// val is the w:val attribute, "" when absent.
func (n *node) val() string { v, _ := n.attr("val"); return v }

// child returns the first child of that name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// path follows child names: n.path("pPr", "ind").
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// all returns every descendant of that name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	if n == nil {
		return nil
	}
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.children {
			if c.name == name {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// texts concatenates the w:t text below n.
func (n *node) texts() string {
	var b strings.Builder
	for _, t := range n.all("t") {
		b.WriteString(t.text)
	}
	return b.String()
}

func parseXML(t testing.TB, data []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("bad XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, space: tok.Name.Space, attrs: tok.Attr}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += string(tok)
		}
	}
	if len(root.children) != 1 {
		t.Fatalf("XML has %d root elements", len(root.children))
	}
	return root.children[0]
}

// pkg is a written package: its parts by name, in zip order.
type pkg struct {
	raw   []byte
	names []string
	parts map[string][]byte
	files []*zip.File
}

func (p *pkg) xml(t testing.TB, name string) *node {
	t.Helper()
	data, ok := p.parts[name]
	if !ok {
		t.Fatalf("package has no part %s (parts: %v)", name, p.names)
	}
	return parseXML(t, data)
}

func report(t testing.TB) *layout.Preset {
	t.Helper()
	p, err := layout.Load("report")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func write(t testing.TB, doc *model.Document, p *layout.Preset) *pkg {
	t.Helper()
	var buf bytes.Buffer
	if err := writeDocx(&buf, doc, p); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return readPkg(t, buf.Bytes())
}

func readPkg(t testing.TB, data []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("output is not a zip: %v", err)
	}
	p := &pkg{raw: data, parts: map[string][]byte{}, files: zr.File}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.names = append(p.names, f.Name)
		p.parts[f.Name] = b
	}
	return p
}

// styleByID indexes styles.xml.
func styleByID(t testing.TB, p *pkg) map[string]*node {
	t.Helper()
	out := map[string]*node{}
	for _, s := range p.xml(t, "word/styles.xml").all("style") {
		id, _ := s.attr("styleId")
		if _, dup := out[id]; dup {
			t.Errorf("style %s defined twice", id)
		}
		out[id] = s
	}
	return out
}

// shared returns a path under ../shared next to the repository (where the project's
// check tools live), or skips the test when it is not there.
func shared(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found", p)
	}
	return p
}

// intAttr reads an integer attribute.
func intAttr(t testing.TB, n *node, local string) int {
	t.Helper()
	if n == nil {
		t.Fatalf("element missing (wanted attribute %s)", local)
	}
	v, ok := n.attr(local)
	if !ok {
		t.Fatalf("<%s> has no %s", n.name, local)
	}
	i, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, local, v, err)
	}
	return i
}

// writeDocx writes doc as the generator does: with the pages typeset in the bundled
// fonts.
func writeDocx(w io.Writer, doc *model.Document, p *layout.Preset) error {
	res, faces, err := bundledPages(doc, p)
	if err != nil {
		return err
	}
	return Write(w, doc, p, res, faces)
}

// bundledPages typesets doc with the bundled fonts, as the generator hands the DOCX
// its pagination; nil pages when the document cannot be typeset (the writer then
// follows rules without pagination and reports the document's own mistakes).
func bundledPages(doc *model.Document, p *layout.Preset) (*typeset.Result, typeset.Fonts, error) {
	if doc == nil || p == nil {
		return nil, nil, nil
	}
	faces, err := testdoc.TypesetFonts(p)
	if err != nil {
		return nil, nil, err
	}
	res, err := typeset.Typeset(doc, p, faces)
	if err != nil {
		return nil, faces, nil
	}
	return res, faces, nil
}

// pagesOf is what the DOCX takes from the pagination of doc in the bundled fonts.
func pagesOf(t testing.TB, doc *model.Document, p *layout.Preset) pdfPages {
	t.Helper()
	res, _, err := bundledPages(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	return layoutPages(doc, p, res)
}
