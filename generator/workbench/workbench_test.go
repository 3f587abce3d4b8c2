package workbench

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
)

// testServer serves a folder holding a copy of the seed and the notice sample (with
// its seal), the seed opened.
func testServer(t testing.TB) (*Server, *httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"work-summary-2023.toml", "notice.toml", "request.toml", "seal-example.png"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "samples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(dir, generator.NewBuilder(nil, false))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Open("work-summary-2023.toml"); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Config.Handler = s.Handler(ts.Listener.Addr().String())
	ts.Start()
	t.Cleanup(func() { ts.Close(); s.Close() })
	return s, ts, dir
}

// call posts body (JSON) to path with the token and decodes the answer into out.
func call(t testing.TB, ts *httptest.Server, token, path string, body, out any) int {
	t.Helper()
	var r io.Reader
	method := http.MethodGet
	if body != nil {
		data, _ := json.Marshal(body)
		r, method = bytes.NewReader(data), http.MethodPost
	}
	req, _ := http.NewRequest(method, ts.URL+path, r)
	req.Header.Set("X-Gongwen-Token", token)
	req.Header.Set("Content-Type", "application/json")
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil && res.StatusCode == http.StatusOK {
			t.Fatal(err)
		}
	}
	return res.StatusCode
}

type editAnswer struct {
	stateView
	Preview *previewView `json:"preview"`
	Error   string       `json:"error"`
}

// TestGuard: without the token, from another Host or another Origin, nothing is
// served but the page's static files.
func TestGuard(t *testing.T) {
	s, ts, _ := testServer(t)
	u, _ := url.Parse(ts.URL)
	for _, tc := range []struct {
		name   string
		path   string
		token  string
		host   string
		origin string
		want   int
	}{
		{"the page with the token", "/?t=" + s.Token(), "", "", "", http.StatusOK},
		{"the state with the token", "/api/state", s.Token(), "", "", http.StatusOK},
		{"localhost names the same server", "/api/state", s.Token(), "localhost:" + u.Port(), "", http.StatusOK},
		{"the same origin", "/api/state", s.Token(), "", ts.URL, http.StatusOK},
		{"static files need no token", "/static/app.js", "", "", "", http.StatusOK},
		{"no token", "/api/state", "", "", "", http.StatusForbidden},
		{"the page without its token", "/", "", "", "", http.StatusForbidden},
		{"a wrong token", "/api/state", strings.Repeat("0", 32), "", "", http.StatusForbidden},
		{"another Host (DNS rebinding)", "/api/state", s.Token(), "evil.example:" + u.Port(), "", http.StatusForbidden},
		{"another Origin", "/api/state", s.Token(), "", "http://evil.example", http.StatusForbidden},
		{"a download without the token", "/files/x.pdf", "", "", "", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
			if tc.token != "" {
				req.Header.Set("X-Gongwen-Token", tc.token)
			}
			if tc.host != "" {
				req.Host = tc.host
			}
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			res, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("status %d, want %d", res.StatusCode, tc.want)
			}
		})
	}
}

// TestFilesStayInside: names with folders, .., or symbolic links out of the folder
// are refused; an oversized request is cut off.
func TestFilesStayInside(t *testing.T) {
	s, ts, dir := testServer(t)
	outside := filepath.Join(t.TempDir(), "secret.toml")
	os.WriteFile(outside, []byte(`title = "secret"`), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../secret.toml", "/etc/passwd", "sub/x.toml", "link.toml", "notice.pdf", ".."} {
		var out editAnswer
		if code := call(t, ts, s.Token(), "/api/open", map[string]string{"file": name}, &out); code != http.StatusBadRequest || out.Error == "" {
			t.Errorf("open %q: status %d, error %q", name, code, out.Error)
		}
	}
	big := strings.Repeat("x", maxBody+1)
	var out editAnswer
	if code := call(t, ts, s.Token(), "/api/edit", map[string]any{"source": big}, &out); code != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversized edit: status %d (%s)", code, out.Error)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/files/..%2Fsecret.pdf?t="+s.Token(), nil)
	if res, err := ts.Client().Do(req); err != nil || res.StatusCode == http.StatusOK {
		t.Errorf("a download out of the folder was served")
	}
}

// TestEditCount: a count changed in the form changes the TOML where it stands, and
// the pages that print it — only those are sent again, with the new number (8 is as
// wide as 9: the other pages stay as they were).
func TestEditCount(t *testing.T) {
	s, ts, _ := testServer(t)
	const session = "a"
	var first previewView
	call(t, ts, s.Token(), "/api/preview", map[string]string{"session": session}, &first)
	if first.Pages != 10 || len(first.Changed) != 10 || !strings.Contains(first.Defs, "<path id=") {
		t.Fatalf("first preview: %d pages, %d sent", first.Pages, len(first.Changed))
	}
	var out editAnswer
	call(t, ts, s.Token(), "/api/edit", map[string]any{"session": session,
		"set": []map[string]any{{"path": "counts.学习.value", "value": map[string]string{"kind": "number", "text": "8"}}}}, &out)
	if out.Error != "" {
		t.Fatal(out.Error)
	}
	if !strings.Contains(out.Source, `"学习" = { value = 8, unit = "次", label = "开展学习", category = "主题教育" }`) {
		t.Errorf("the source was not changed in place")
	}
	if out.Saved {
		t.Error("an edit marked the file saved")
	}
	if out.Preview == nil || len(out.Preview.Changed) == 0 || len(out.Preview.Changed) == 10 {
		t.Fatalf("pages sent again: %d", len(out.Preview.Changed))
	}
	all := ""
	for _, p := range out.Preview.Changed {
		all += p.SVG
	}
	if !strings.Contains(all, "开展学习8次") || strings.Contains(all, "开展学习9次") {
		t.Errorf("the changed pages do not print 开展学习8次")
	}
}

// TestEditError: a mistake is reported at its field, in Chinese, and the last good
// pages stay: no page is sent.
func TestEditError(t *testing.T) {
	s, ts, _ := testServer(t)
	var out editAnswer
	call(t, ts, s.Token(), "/api/preview", map[string]string{"session": "a"}, nil)
	call(t, ts, s.Token(), "/api/edit", map[string]any{"session": "a",
		"set": []map[string]any{{"path": "section[0].section[0].text", "value": map[string]string{"text": "开展{没有这个计数}。"}}}}, &out)
	var found bool
	for _, d := range out.Diagnostics {
		if d.Severity == "error" && d.Field == "section[0].section[0].text" && strings.Contains(d.Msg, "未定义的计数「没有这个计数」") {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at the field: %+v", out.Diagnostics)
	}
	if out.Preview == nil || len(out.Preview.Changed) != 0 || out.Pages != 10 {
		t.Errorf("the preview changed on a mistake: %+v", out.Preview)
	}
}

// TestEditSections: adding and moving a section changes the outline, renumbered.
func TestEditSections(t *testing.T) {
	s, ts, _ := testServer(t)
	var out editAnswer
	call(t, ts, s.Token(), "/api/edit", map[string]any{"section": map[string]string{"path": "section[0]", "op": "add"}}, &out)
	if out.Error != "" {
		t.Fatal(out.Error)
	}
	heads := func() []string {
		var h []string
		for _, s := range out.Form.Sections {
			h = append(h, s.Number+s.Heading)
		}
		return h
	}
	if h := heads(); len(h) != 4 || h[1] != "二、新标题" {
		t.Fatalf("after adding: %v", h)
	}
	call(t, ts, s.Token(), "/api/edit", map[string]any{"section": map[string]string{"path": "section[1]", "op": "up"}}, &out)
	if h := heads(); h[0] != "一、新标题" || !strings.HasPrefix(h[1], "二、强化党建引领") {
		t.Errorf("after moving up: %v", h)
	}
	call(t, ts, s.Token(), "/api/edit", map[string]any{"section": map[string]string{"path": "section[0]", "op": "up"}}, &out)
	if out.Error == "" {
		t.Error("moving the first section up: no error")
	}
}

// TestSaveAndBuild: saving writes the text atomically (no temporary file left);
// building writes the PDF, DOCX and OFD beside it and serves them.
func TestSaveAndBuild(t *testing.T) {
	s, ts, dir := testServer(t)
	var out editAnswer
	call(t, ts, s.Token(), "/api/edit", map[string]any{"set": []map[string]any{{"path": "title", "value": map[string]string{"text": "新的标题"}}}}, &out)
	call(t, ts, s.Token(), "/api/save", map[string]any{}, &out)
	data, _ := os.ReadFile(filepath.Join(dir, "work-summary-2023.toml"))
	if !out.Saved || !strings.Contains(string(data), `title = "新的标题"`) || !strings.Contains(string(data), "# ── 计数") {
		t.Errorf("saved %v; the file lacks the new title or the author's comments", out.Saved)
	}
	var built struct{ Files []string }
	if code := call(t, ts, s.Token(), "/api/build", map[string]any{}, &built); code != http.StatusOK || len(built.Files) != 3 {
		t.Fatalf("build: %d %v", code, built.Files)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".gongwen-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	res, err := ts.Client().Get(ts.URL + "/files/work-summary-2023.pdf?t=" + s.Token())
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the download is not the PDF")
	}
}

// TestImport: a DOCX posted as a file becomes a content file of the folder, opened.
func TestImport(t *testing.T) {
	s, ts, dir := testServer(t)
	src, _ := os.ReadFile(filepath.Join(dir, "notice.toml"))
	out, err := generator.NewBuilder(nil, false).Render(filepath.Join(dir, "notice.toml"), src, []generator.Format{generator.DOCX})
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "旧通知.docx")
	part.Write(out.Files[generator.DOCX])
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/import", &body)
	req.Header.Set("X-Gongwen-Token", s.Token())
	req.Header.Set("Content-Type", w.FormDataContentType())
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var st stateView
	json.NewDecoder(res.Body).Decode(&st)
	res.Body.Close()
	if st.File != "旧通知.toml" || !strings.Contains(st.Source, "关于做好第五次全国经济普查登记工作的通知") {
		t.Errorf("imported as %q", st.File)
	}
	if _, err := os.Stat(filepath.Join(dir, "旧通知.toml")); err != nil {
		t.Error(err)
	}
}

// BenchmarkEditPreview is the server's time from an edit of the seed (a count) to
// the pages to send, and the bytes sent.
func BenchmarkEditPreview(b *testing.B) {
	s, ts, _ := testServer(b)
	call(b, ts, s.Token(), "/api/preview", map[string]string{"session": "a"}, nil)
	h := s.Handler(strings.TrimPrefix(ts.URL, "http://"))
	values := []string{"12", "9"}
	bytesSent := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body, _ := json.Marshal(map[string]any{"session": "a",
			"set": []map[string]any{{"path": "counts.学习.value", "value": map[string]string{"kind": "number", "text": values[i%2]}}}})
		req := httptest.NewRequest(http.MethodPost, ts.URL+"/api/edit", bytes.NewReader(body))
		req.Header.Set("X-Gongwen-Token", s.Token())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Body.String())
		}
		bytesSent += rec.Body.Len()
	}
	b.ReportMetric(float64(bytesSent)/float64(b.N), "bytes/update")
}

// TestEditTable: a 附表's options are fields of the form; unticking 合计 drops the
// total row from the printed table.
func TestEditTable(t *testing.T) {
	s, ts, _ := testServer(t)
	var out editAnswer
	call(t, ts, s.Token(), "/api/state", nil, &out)
	if len(out.Form.Tables) != 2 || !out.Form.Tables[0].Total || out.Form.Tables[0].Unit != "次" {
		t.Fatalf("tables %+v", out.Form.Tables)
	}
	call(t, ts, s.Token(), "/api/preview", map[string]string{"session": "a"}, nil)
	call(t, ts, s.Token(), "/api/edit", map[string]any{"session": "a",
		"set": []map[string]any{{"path": "table[0].total", "value": map[string]string{"kind": "bool", "text": "false"}}}}, &out)
	if out.Error != "" || out.Form.Tables[0].Total || !strings.Contains(out.Source, "total = false") {
		t.Fatalf("total not changed: %s", out.Error)
	}
	all := ""
	for _, p := range out.Preview.Changed {
		all += p.SVG
	}
	if len(out.Preview.Changed) == 0 || strings.Contains(all, `aria-label="合计"`) {
		t.Errorf("the table still prints 合计 (%d pages sent)", len(out.Preview.Changed))
	}
}
