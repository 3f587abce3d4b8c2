package workbench

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongwen/gongwen/generator"
)

// browser starts Debian's Chromium (skipping the test without it) on the workbench of
// testServer and returns a context that drives it, the server and its folder.
func browser(t *testing.T) (context.Context, *Server, string, string) {
	t.Helper()
	var chrome string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	if chrome == "" {
		t.Skip("Chromium not installed")
	}
	s, ts, dir := testServer(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1400, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel3)
	return ctx, s, dir, ts.URL + "/?t=" + s.Token()
}

// pageCount is the number of pages the preview shows.
const pageCount = `document.querySelectorAll('#pages svg.page[data-page]').length`

// printed reports whether some line of the preview reads text.
func printed(text string) string {
	return `[...document.querySelectorAll('#pages g[aria-label]')].some(g => g.getAttribute('aria-label').includes(` + jsString(text) + `))`
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// waitTrue polls a script until it is true.
func waitTrue(ctx context.Context, script string) error {
	for {
		var ok bool
		if err := chromedp.Evaluate(script, &ok).Do(ctx); err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func wait(script string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error { return waitTrue(ctx, script) })
}

// typeInto sets the value of the field sel as typing would, and lets the page know.
func typeInto(sel, value string) chromedp.Action {
	return chromedp.Evaluate(`(() => { const el = document.querySelector(`+jsString(sel)+`);
		el.value = `+jsString(value)+`; el.dispatchEvent(new Event('input')); })()`, nil)
}

// TestBrowserEdit: in Chromium, the seed's 10 pages show; a count changed in the form
// changes the printed number; a section added and moved changes the outline; a mistake
// shows at its field while the old pages stay; saving and building write the files.
func TestBrowserEdit(t *testing.T) {
	ctx, _, dir, url := browser(t)
	var pages int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		wait(pageCount+` === 10`),
		chromedp.Evaluate(pageCount, &pages),
	); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages shown", pages)

	// a count: 9 → 8 in the counts table, printed in the text as 开展学习8次
	count := `#tab-doc input[data-path="counts.学习.value"]`
	if err := chromedp.Run(ctx,
		wait(printed("开展学习9次")),
		typeInto(count, "8"),
		wait(printed("开展学习8次")),
	); err != nil {
		t.Fatalf("changing the count: %v", err)
	}

	// a new section after the first, then moved up: it is 一、 and the first is 二、
	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-section="section[0]"] button[data-op="add"]`, chromedp.ByQuery),
		wait(`document.querySelector('[data-number="section[1]"]')?.parentElement.querySelector('input').value === '新标题'`),
		chromedp.Click(`[data-section="section[1]"] button[data-op="up"]`, chromedp.ByQuery),
		wait(`document.querySelector('[data-number="section[0]"]')?.parentElement.querySelector('input').value === '新标题'`),
		wait(`document.querySelector('[data-number="section[1]"]').textContent === '二、'`),
		wait(printed("一、新标题")),
	); err != nil {
		t.Fatalf("adding and moving a section: %v", err)
	}

	// a mistake: an undefined count in a text is shown at that text; the pages stay
	text := `textarea[data-path="section[1].section[0].text"]`
	var msg string
	if err := chromedp.Run(ctx,
		typeInto(text, "开展{没有这个计数}。"),
		wait(`!!document.querySelector('[data-section="section[1].section[0]"] .msg.error')`),
		chromedp.Text(`[data-section="section[1].section[0]"] .msg.error`, &msg, chromedp.ByQuery),
		wait(`!document.querySelector('#stale').hidden`),
		chromedp.Evaluate(pageCount, &pages),
	); err != nil {
		t.Fatalf("a mistake: %v", err)
	}
	if !strings.Contains(msg, "未定义的计数「没有这个计数」") || pages < 10 {
		t.Errorf("message %q, %d pages kept", msg, pages)
	}

	// fixed, saved and built
	if err := chromedp.Run(ctx,
		typeInto(text, "开展学习{学习}。"),
		wait(`document.querySelector('#stale').hidden`),
		chromedp.Click(`#btn-build`, chromedp.ByQuery),
		wait(`document.querySelector('#status').textContent.includes('已生成')`),
	); err != nil {
		t.Fatalf("building: %v", err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "work-summary-2023.toml"))
	if !strings.Contains(string(src), `"学习" = { value = 8`) || !strings.Contains(string(src), "开展学习{学习}。") {
		t.Error("the saved file lacks the edits")
	}
	for _, f := range []string{"work-summary-2023.pdf", "work-summary-2023.docx"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestBrowserImport: a DOCX chosen with the file input of the start page is imported
// and opened, its pages shown.
func TestBrowserImport(t *testing.T) {
	ctx, _, dir, url := browser(t)
	src, _ := os.ReadFile(filepath.Join(dir, "notice.toml"))
	out, err := generator.NewBuilder(nil, false).Render(filepath.Join(dir, "notice.toml"), src, []generator.Format{generator.DOCX})
	if err != nil {
		t.Fatal(err)
	}
	upload := filepath.Join(t.TempDir(), "来文.docx")
	if err := os.WriteFile(upload, out.Files[generator.DOCX], 0o644); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		wait(pageCount+` === 10`),
		chromedp.Click(`#btn-files`, chromedp.ByQuery),
		wait(`!document.querySelector('#start').hidden`),
		chromedp.SetUploadFiles(`#import-file`, []string{upload}, chromedp.ByQuery),
		wait(`document.querySelector('#docname').textContent.startsWith('来文.toml')`),
		wait(printed("关于做好第五次全国经济普查登记工作的通知")),
		chromedp.Text(`#docname`, &name, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("importing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "来文.toml")); err != nil {
		t.Error(err)
	}
}

// TestBrowserClickToField: a click on a line of the preview selects the field it
// came from.
func TestBrowserClickToField(t *testing.T) {
	ctx, _, _, url := browser(t)
	var focused string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		wait(pageCount+` === 10`),
		chromedp.Evaluate(`[...document.querySelectorAll('#pages g[aria-label]')].find(g => g.getAttribute('aria-label').startsWith('（一）扎实开展学习')).dispatchEvent(new MouseEvent('click', {bubbles: true}))`, nil),
		wait(`!!document.activeElement && !!document.activeElement.dataset.path`),
		chromedp.Evaluate(`document.activeElement.dataset.path`, &focused),
	); err != nil {
		t.Fatal(err)
	}
	if focused != "section[0].section[0].lead" && focused != "section[0].section[0].text" {
		t.Errorf("the click selected %q", focused)
	}
}
