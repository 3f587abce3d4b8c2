package workbench

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/importer"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/starter"
	"github.com/gongwen/gongwen/generator/svg"
)

// Handler returns the workbench's HTTP handler. addr is the host:port the browser
// uses; a request naming another Host, or coming from a page of another origin, is
// refused.
func (s *Server) Handler(addr string) http.Handler {
	mux := http.NewServeMux()
	sub, _ := fs.Sub(static, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(sub)))
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /api/state", s.api(s.state))
	mux.HandleFunc("POST /api/open", s.api(s.openFile))
	mux.HandleFunc("POST /api/new", s.api(s.newFile))
	mux.HandleFunc("POST /api/edit", s.api(s.edit))
	mux.HandleFunc("POST /api/preview", s.api(s.preview))
	mux.HandleFunc("POST /api/save", s.api(s.save))
	mux.HandleFunc("POST /api/build", s.api(s.build))
	mux.HandleFunc("POST /api/import", s.api(s.importFile))
	mux.HandleFunc("GET /files/{name}", s.download)
	return s.guard(addr, mux)
}

// guard refuses requests that do not come from the workbench's own page: another Host
// (a DNS-rebinding page), another Origin, or without the token (the static files of
// the page excepted, which hold nothing of the user's).
func (s *Server) guard(addr string, next http.Handler) http.Handler {
	host, port, _ := net.SplitHostPort(addr)
	allowed := map[string]bool{addr: true, "localhost:" + port: true, "127.0.0.1:" + port: true}
	if host == "" || host == "::" || host == "0.0.0.0" {
		allowed = nil // bound to every address: the token alone guards it
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowed != nil && !allowed[r.Host] {
			http.Error(w, "拒绝访问：地址不对（Host "+r.Host+"）", http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || u.Host != r.Host {
				http.Error(w, "拒绝访问：请求来自其他网页（Origin "+o+"）", http.StatusForbidden)
				return
			}
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			t := r.Header.Get("X-Gongwen-Token")
			if t == "" {
				t = r.URL.Query().Get("t")
			}
			if subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) != 1 {
				http.Error(w, "拒绝访问：链接不完整。请使用 gongwen edit 打印出的完整地址（含 ?t=…）", http.StatusForbidden)
				return
			}
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	page, err := static.ReadFile("static/index.html")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
	w.Write(page)
}

// api wraps a JSON endpoint: the request body (at most maxBody) decoded into its
// argument, its answer or error encoded as JSON.
func (s *Server) api(h func(*http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBody)
		if r.URL.Path == "/api/import" {
			limit = maxImport
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		s.mu.Lock()
		v, err := h(r)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if err != nil {
			code := http.StatusBadRequest
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				code = http.StatusRequestEntityTooLarge
				err = fmt.Errorf("请求太大（最多 %d 字节）", tooBig.Limit)
			}
			w.WriteHeader(code)
			json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
			return
		}
		json.NewEncoder(w).Encode(v)
	}
}

func decode(r *http.Request, v any) error {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return fmt.Errorf("请求格式不对：%v", err)
	}
	return nil
}

// stateView is what the page needs to draw the editor.
type stateView struct {
	Dir         string              `json:"dir"`
	Files       []string            `json:"files"`
	Presets     []map[string]string `json:"presets"`
	File        string              `json:"file,omitempty"`
	Source      string              `json:"source,omitempty"`
	Saved       bool                `json:"saved"`
	Form        *form               `json:"form,omitempty"`
	Diagnostics []diagnostic        `json:"diagnostics"`
	Failed      bool                `json:"failed"` // the text does not compile: the pages shown are the last good ones
	Pages       int                 `json:"pages"`
	Layout      string              `json:"layout,omitempty"`
	Notes       []string            `json:"notes,omitempty"` // 请检查: what an import could not do
}

func (s *Server) view() *stateView {
	v := &stateView{Dir: s.dir, Files: s.files(), Presets: presetNames(), Diagnostics: []diagnostic{}}
	d := s.doc
	if d == nil {
		return v
	}
	v.File, v.Source, v.Saved, v.Failed = d.name, string(d.src), d.saved, d.err
	v.Diagnostics = append(v.Diagnostics, d.diags...)
	var doc = d.good
	if doc != nil {
		v.Pages = doc.Pages()
		v.Layout = doc.Preset.Name
	}
	var f *form
	var err error
	if doc != nil && !d.err {
		f, err = formOf(s.path(d.name), d.src, doc.Doc)
	} else {
		f, err = formOf(s.path(d.name), d.src, nil)
	}
	if err == nil {
		v.Form = f
	}
	return v
}

func (s *Server) state(r *http.Request) (any, error) { return s.view(), nil }

func (s *Server) openFile(r *http.Request) (any, error) {
	var req struct{ File string }
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if err := s.open(req.File); err != nil {
		return nil, err
	}
	return s.view(), nil
}

// newFile writes the starting file of a preset under a new name and opens it.
func (s *Server) newFile(r *http.Request) (any, error) {
	var req struct{ File, Preset string }
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(strings.ToLower(req.File), ".toml") {
		req.File += ".toml"
	}
	if err := plainName(req.File, ".toml"); err != nil {
		return nil, err
	}
	if _, err := s.root.Stat(req.File); err == nil {
		return nil, fmt.Errorf("文件 %s 已经存在：请换一个名字", req.File)
	}
	p, err := layout.Load(req.Preset)
	if err != nil {
		return nil, err
	}
	text, err := starter.File(p, time.Now())
	if err != nil {
		return nil, err
	}
	if err := s.write(req.File, text); err != nil {
		return nil, err
	}
	if err := s.open(req.File); err != nil {
		return nil, err
	}
	return s.view(), nil
}

// editRequest is one change from the page.
type editRequest struct {
	Session string
	Source  *string // the whole text, from the source view
	Set     []struct {
		Path  string
		Value content.Value
	}
	Remove  []string
	Section *struct {
		Path string
		Op   content.SectionOp
	}
}

// editView is the answer to an edit: the document's new state and the pages that
// changed.
type editView struct {
	*stateView
	Preview *previewView `json:"preview,omitempty"`
}

// edit applies a change to the open document's text and compiles it.
func (s *Server) edit(r *http.Request) (any, error) {
	var req editRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	d := s.doc
	if d == nil {
		return nil, errors.New("还没有打开内容文件")
	}
	file := s.path(d.name)
	src := d.src
	var err error
	if req.Source != nil {
		src = []byte(*req.Source)
	}
	for _, set := range req.Set {
		if src, err = content.Set(file, src, set.Path, set.Value); err != nil {
			return nil, err
		}
	}
	for _, path := range req.Remove {
		if src, err = content.Remove(file, src, path); err != nil {
			return nil, err
		}
	}
	if sec := req.Section; sec != nil {
		if src, err = content.EditSection(file, src, sec.Path, sec.Op); err != nil {
			return nil, err
		}
	}
	if !bytes.Equal(src, d.src) {
		d.src, d.saved = src, false
		s.compile()
	}
	return &editView{stateView: s.view(), Preview: s.pages(req.Session, false)}, nil
}

// previewView is pages to draw: the glyph outlines the page has not been sent yet,
// and each page that changed.
type previewView struct {
	Pages   int        `json:"pages"`
	Defs    string     `json:"defs"`
	Changed []pageView `json:"changed"`
}

type pageView struct {
	N   int    `json:"n"`
	SVG string `json:"svg"`
}

// preview sends every page of the last good compilation to a page that starts (or
// restarts) a session.
func (s *Server) preview(r *http.Request) (any, error) {
	var req struct{ Session string }
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if req.Session == "" {
		return nil, errors.New("请求缺少 session")
	}
	return s.pages(req.Session, true), nil
}

// pages draws the last good pages for a session: all of them when reset, else only
// those that differ from what the session was sent.
func (s *Server) pages(id string, reset bool) *previewView {
	if s.doc == nil || s.doc.good == nil || id == "" {
		return nil
	}
	ss := s.sessions[id]
	if ss == nil || reset {
		s.dropIdle()
		ss = &session{glyphs: svg.NewGlyphs(faces(s.doc.good))}
		s.sessions[id] = ss
	}
	ss.used = time.Now()
	c := s.doc.good
	out := &previewView{Pages: c.Pages()}
	hashes := make([]uint64, len(c.Result.Pages))
	for i, pg := range c.Result.Pages {
		var b bytes.Buffer
		if err := svg.Page(&b, pg, ss.glyphs, svg.Options{Inks: c.Result.CMYK, Images: c.Images()}); err != nil {
			continue
		}
		hashes[i] = hash(b.Bytes())
		if i < len(ss.pages) && ss.pages[i] == hashes[i] {
			continue
		}
		out.Changed = append(out.Changed, pageView{N: pg.Number, SVG: b.String()})
	}
	ss.pages = hashes
	var defs bytes.Buffer
	ss.glyphs.Defs(&defs)
	out.Defs = defs.String()
	return out
}

// dropIdle forgets sessions unused for an hour: closed pages.
func (s *Server) dropIdle() {
	for id, ss := range s.sessions {
		if time.Since(ss.used) > time.Hour {
			delete(s.sessions, id)
		}
	}
}

func faces(c *generator.Compiled) map[layout.Role]svg.Face {
	out := map[layout.Role]svg.Face{}
	for _, ch := range c.Fonts {
		out[layout.Role(ch.Role)] = ch.Face
	}
	return out
}

// save writes the open document's text to its file.
func (s *Server) save(r *http.Request) (any, error) {
	d := s.doc
	if d == nil {
		return nil, errors.New("还没有打开内容文件")
	}
	if err := s.write(d.name, d.src); err != nil {
		return nil, err
	}
	d.saved = true
	return s.view(), nil
}

// build saves the document and writes its PDF, DOCX and OFD beside it.
func (s *Server) build(r *http.Request) (any, error) {
	d := s.doc
	if d == nil {
		return nil, errors.New("还没有打开内容文件")
	}
	if d.err {
		return nil, errors.New("内容还有错误，请先改正标出的问题")
	}
	if !d.saved {
		if err := s.write(d.name, d.src); err != nil {
			return nil, err
		}
		d.saved = true
	}
	base := strings.TrimSuffix(d.name, filepath.Ext(d.name))
	var out []string
	for _, f := range []generator.Format{generator.PDF, generator.DOCX, generator.OFD} {
		var b bytes.Buffer
		if err := d.good.Export(&b, f); err != nil {
			return nil, err
		}
		name := base + "." + string(f)
		if err := s.write(name, b.Bytes()); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return map[string]any{"files": out, "state": s.view()}, nil
}

// importFile turns an uploaded .docx or .txt into a content file of the folder (under
// a name not yet taken) and opens it.
//
// The document comes as an upload (a file dropped on the page), or as the name of a
// file of the folder (JSON {"file": …}).
func (s *Server) importFile(r *http.Request) (any, error) {
	var name string
	var data []byte
	counts := false
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var req struct {
			File   string
			Counts bool
		}
		if err := decode(r, &req); err != nil {
			return nil, err
		}
		if err := plainName(req.File, ".docx", ".dotx", ".doc", ".wps", ".txt"); err != nil {
			return nil, err
		}
		var err error
		if data, err = s.read(req.File, maxImport); err != nil {
			return nil, err
		}
		name, counts = req.File, req.Counts
	} else {
		file, head, err := r.FormFile("file")
		if err != nil {
			return nil, fmt.Errorf("没有收到文稿：%w", err)
		}
		defer file.Close()
		if data, err = io.ReadAll(file); err != nil {
			return nil, err
		}
		name, counts = filepath.Base(head.Filename), r.FormValue("counts") == "true"
	}
	ext := strings.ToLower(filepath.Ext(name))
	opt := importer.Options{Counts: counts, Source: name}
	var res *importer.Result
	var err error
	switch ext {
	case ".docx", ".dotx", ".doc", ".wps", ".txt":
		res, err = importer.File(name, data, opt)
	default:
		return nil, fmt.Errorf("只能导入 .docx、.doc、.wps 或 .txt 文稿，不能导入「%s」", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s：%w", name, err)
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	target := base + ".toml"
	for i := 2; ; i++ {
		if _, err := s.root.Stat(target); err != nil {
			break
		}
		target = fmt.Sprintf("%s-%d.toml", base, i)
	}
	if err := plainName(target, ".toml"); err != nil {
		return nil, err
	}
	if err := s.write(target, []byte(res.TOML())); err != nil {
		return nil, err
	}
	if err := s.open(target); err != nil {
		return nil, err
	}
	v := s.view()
	v.Notes = res.Notes
	return v, nil
}

// download sends a PDF or DOCX of the folder.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if err := plainName(name, ".pdf", ".docx", ".ofd"); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data, err := s.read(name, 512<<20)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	ctype := "application/pdf"
	switch filepath.Ext(name) {
	case ".docx":
		ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".ofd":
		ctype = "application/ofd"
	}
	if ctype != "application/pdf" { // the PDF opens in the browser to print; the others download
		w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(data)
}
