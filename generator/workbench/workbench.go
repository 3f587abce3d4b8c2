// Package workbench serves gongwen in the browser: a page where a 文秘 edits a 公文
// as a document (its fields and the outline of its text, not TOML), sees every page
// exactly as the PDF prints it, fixes what the checks find at the field where it is,
// and builds and prints. It is one more consumer of the pipeline: each edit changes
// the content file's text (content.Set, content.EditSection), compiles it
// (generator.Builder.Compile) and sends the pages that changed, drawn by the svg
// exporter. The TOML stays the one source of truth.
//
// The server listens on the loopback interface only, for one person: a random token
// in the page's address guards every request, requests naming another Host or
// Origin are refused (DNS rebinding), and files are read and written only inside the
// opened folder, through an os.Root.
package workbench

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/lint"
	"github.com/gongwen/gongwen/generator/svg"
)

//go:embed static
var static embed.FS

// Limits on what a request may carry: a content file is far below 8 MB (the build's
// own limit), a document to import far below 32 MB.
const (
	maxBody   = 8 << 20
	maxImport = 32 << 20
)

// Server is the workbench of one folder. Its methods are safe for concurrent use.
type Server struct {
	root    *os.Root // the folder: every file read or written is inside it
	dir     string   // its path, for the content file's name in messages
	token   string
	builder *generator.Builder

	mu       sync.Mutex
	doc      *document           // the open content file; nil before one is opened
	sessions map[string]*session // by the page that asked: what it has been sent
}

// document is the open content file: its text as last edited, and its last good
// compilation, whose pages stay on screen while the text has mistakes.
type document struct {
	name  string // file name inside the folder
	src   []byte
	saved bool // src is what the file holds
	good  *generator.Compiled
	diags []diagnostic
	err   bool // src does not compile
}

// session is one open page of the workbench: the glyph outlines it holds and the
// pages it shows, so an update sends only what is new.
type session struct {
	glyphs *svg.Glyphs
	pages  []uint64 // hash of each page's SVG
	used   time.Time
}

// New returns the workbench of the folder dir, with a fresh random token.
func New(dir string, b *generator.Builder) (*Server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("无法打开文件夹 %s：%w", dir, err)
	}
	var t [16]byte
	if _, err := rand.Read(t[:]); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return &Server{root: root, dir: abs, token: hex.EncodeToString(t[:]), builder: b, sessions: map[string]*session{}}, nil
}

// Token is the secret that every request must carry: in the address of the page
// (?t=…) and, from the page's script, in the X-Gongwen-Token header.
func (s *Server) Token() string { return s.token }

// Close releases the folder.
func (s *Server) Close() error { return s.root.Close() }

// Open opens the content file name (inside the folder) for editing.
func (s *Server) Open(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open(name)
}

func (s *Server) open(name string) error {
	if err := plainName(name, ".toml"); err != nil {
		return err
	}
	src, err := s.read(name, maxBody)
	if err != nil {
		return err
	}
	s.doc = &document{name: name, src: src, saved: true}
	s.compile()
	for _, ss := range s.sessions {
		ss.pages = nil // a new document: every page is new
	}
	return nil
}

// plainName accepts a file name of the folder itself (no folders, no ..) with one of
// the extensions.
func plainName(name string, exts ...string) error {
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\:`) || name == "." || name == ".." {
		return fmt.Errorf("「%s」不是这个文件夹中的文件名", name)
	}
	if !slices.Contains(exts, strings.ToLower(filepath.Ext(name))) {
		return fmt.Errorf("「%s」不是 %s 文件", name, strings.Join(exts, "、"))
	}
	return nil
}

// read reads a regular file of the folder, at most limit bytes.
func (s *Server) read(name string, limit int64) ([]byte, error) {
	f, err := s.root.Open(name)
	if err != nil {
		return nil, fmt.Errorf("无法打开 %s：%w", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s 不是普通文件", name)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s 太大（%d 字节，最多 %d 字节）", name, st.Size(), limit)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(f); err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	return b.Bytes(), nil
}

// write replaces a file of the folder atomically: a temporary file beside it, synced,
// then renamed over it.
func (s *Server) write(name string, data []byte) error {
	tmp := ".gongwen-" + name + ".tmp"
	f, err := s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", name, err)
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		s.root.Remove(tmp)
		return fmt.Errorf("无法写入 %s：%w", name, err)
	}
	if err := s.root.Rename(tmp, name); err != nil {
		s.root.Remove(tmp)
		return fmt.Errorf("无法写入 %s：%w", name, err)
	}
	return nil
}

// path is the full path of a file of the folder, for messages and for the builder,
// which finds a user preset and the seal beside the content file.
func (s *Server) path(name string) string { return filepath.Join(s.dir, name) }

// compile compiles the open document's text; on success its pages become the good
// ones. The diagnostics are the mistakes, or the warnings and the checks' findings.
func (s *Server) compile() {
	d := s.doc
	file := s.path(d.name)
	c, err := s.builder.Compile(file, d.src)
	d.diags = d.diags[:0]
	d.err = err != nil
	if err != nil {
		for _, e := range content.ErrorList(err) {
			d.diags = append(d.diags, fromError(e))
		}
		if len(d.diags) == 0 {
			d.diags = append(d.diags, diagnostic{Severity: "error", Msg: err.Error()})
		}
	} else {
		d.good = c
		for _, w := range c.Warnings {
			d.diags = append(d.diags, fromError(w))
		}
	}
	if findings, err := lint.Check(file, d.src); err == nil {
		for _, f := range findings {
			if d.err && f.Severity == lint.Error {
				continue // the content's own mistakes say it already
			}
			sev := "warning"
			if f.Severity == lint.Error {
				sev = "error"
			}
			d.diags = append(d.diags, diagnostic{Severity: sev, Line: f.Pos.Line, Col: f.Pos.Col, Msg: f.Msg, Hint: f.Hint})
		}
	}
	lines := content.Lines(file, d.src)
	for i := range d.diags {
		if d.diags[i].Field == "" && d.diags[i].Line > 0 {
			d.diags[i].Field = fieldAt(lines, d.diags[i].Line)
		}
	}
}

// diagnostic is a message as the page shows it at its field.
type diagnostic struct {
	Severity string `json:"severity"` // "error" or "warning"
	Field    string `json:"field,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Msg      string `json:"msg"`
	Hint     string `json:"hint,omitempty"`
}

func fromError(e *content.Error) diagnostic {
	sev := "error"
	if e.Severity == content.Warning {
		sev = "warning"
	}
	return diagnostic{Severity: sev, Field: e.Field, Line: e.Pos.Line, Col: e.Pos.Col, Msg: e.Msg, Hint: e.Hint}
}

// fieldAt is the field written on line n, or the last one before it.
func fieldAt(lines map[string]int, n int) string {
	best, at := "", 0
	for path, l := range lines {
		if l <= n && (l > at || l == at && len(path) > len(best)) {
			best, at = path, l
		}
	}
	return best
}

// files lists the files of the folder the workbench can open or import.
func (s *Server) files() []string {
	var out []string
	entries, _ := fs.ReadDir(s.root.FS(), ".")
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.Type().IsRegular() && (ext == ".toml" || ext == ".docx" || ext == ".dotx" || ext == ".doc" || ext == ".wps" || ext == ".txt") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// presetNames are the layout presets with their descriptions.
func presetNames() []map[string]string {
	var out []map[string]string
	for _, n := range layout.Names() {
		p, err := layout.Load(n)
		if err != nil {
			continue
		}
		out = append(out, map[string]string{"name": n, "description": p.Description})
	}
	return out
}

// hash is a page's fingerprint, to send only the pages that changed.
func hash(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}
