package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/internal/safefile"
)

const watchHelp = `用法 Usage: gongwen watch 文件.toml [-o 目录] [--format pdf,docx] [--bundled-fonts]

先生成一次，然后每次保存内容文件后自动重新生成 PDF 和 DOCX，显示页数和用时。
内容有误时显示出错的位置，上一次生成的文件保持不变；改正后再保存即可。按 Ctrl-C 退出。

监视的文件：内容文件本身；内容文件用的版式文件（layout = "某某.toml" 时）；生成时用到的
本机字体文件、--font-dir 中和版式指定的字体文件。内置的版式（report、notice 等）和内置字体
在程序内部，不会变化，因此不监视。
Builds once, then rebuilds after every save of the content file, of its layout file
(layout = "NAME.toml") or of a font file on disk that the build uses; the built-in
layouts and bundled fonts never change and are not watched. On an error it prints the
located message and keeps the last good files. Ctrl-C stops it.

例如 Example:
  gongwen watch 工作总结.toml -o 输出
`

// debounce is how long watch waits after a change for more changes: an editor's
// save is often several events (write, rename, chmod) in a few milliseconds.
const debounce = 30 * time.Millisecond

func watchFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	o := addOutputFlags(fs)
	return func(args []string, stdout, stderr io.Writer) int {
		formats, ok := o.check("watch", "工作总结.toml", args, stderr)
		if !ok {
			return exitUsage
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		w := watcher{file: args[0], dir: *o.out, formats: formats, fontDirs: o.dirs, system: !*o.noSystem,
			stdout: stdout, stderr: stderr}
		if err := w.run(ctx); err != nil {
			fmt.Fprintln(stderr, err)
			return exitContent
		}
		fmt.Fprintln(stdout, "已停止监视。")
		return exitOK
	}
}

// watcher rebuilds a content file whenever it, its layout file or a font file on
// disk that its build uses changes. It keeps one Builder across rebuilds, so fonts are
// parsed once; a changed font file gets a new Builder.
type watcher struct {
	file     string // the content file
	dir      string // output folder; "" for the content file's folder
	formats  []generator.Format
	fontDirs []string
	system   bool
	stdout   io.Writer
	stderr   io.Writer

	builder *generator.Builder
	fsw     *fsnotify.Watcher
	files   map[string]string // absolute paths whose change triggers a rebuild → what they are
	dirs    map[string]bool   // folders watched
}

// run builds once and then after every change, until ctx is done. Folders, not files,
// are watched: editors save by writing a new file and renaming it over the old one,
// which would end a watch on the old file. It returns an error only when watching
// cannot start.
func (w *watcher) run(ctx context.Context) error {
	abs, err := filepath.Abs(w.file)
	if err != nil {
		return fmt.Errorf("无法读取内容文件 %s：%s", w.file, safefile.Reason(err))
	}
	if _, err := safefile.Stat(os.DirFS(filepath.Dir(abs)), filepath.Base(abs), content.MaxFileSize); err != nil {
		return fmt.Errorf("无法读取内容文件 %s：%s", w.file, err.(*safefile.Error).Reason)
	}
	w.fsw, err = fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("无法监视文件：%s", safefile.Reason(err))
	}
	defer w.fsw.Close()
	w.files, w.dirs = map[string]string{}, map[string]bool{}
	if _, err := w.follow(contentFile, abs); err != nil {
		return err
	}
	w.builder = generator.NewBuilder(w.fontDirs, w.system)
	b := w.start(ctx)
	fmt.Fprintf(w.stdout, "正在监视 %s，保存后自动重新生成（按 Ctrl-C 退出）\n", w.file)

	var fire <-chan time.Time
	var timer *time.Timer
	fontChanged, again := false, false
	for {
		select {
		case <-ctx.Done():
			// The build in progress sees ctx done and writes nothing; it is not waited
			// for, so Ctrl-C takes effect at once even during a long build.
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			what := w.files[filepath.Clean(ev.Name)]
			if ev.Op == fsnotify.Chmod || what == "" {
				continue
			}
			fontChanged = fontChanged || what == fontFile
			if timer != nil {
				timer.Stop()
			}
			timer = time.NewTimer(debounce)
			fire = timer.C
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(w.stderr, "监视文件时出错：%s\n", safefile.Reason(err))
		case <-fire:
			fire = nil
			if b != nil {
				// A build of the old text is useless: cancel it and build again when it
				// has stopped, so two builds never run at once.
				b.cancel()
				again = true
				continue
			}
			if fontChanged {
				// The Builder caches parsed fonts; a changed font file needs a fresh one.
				w.builder = generator.NewBuilder(w.fontDirs, w.system)
				fontChanged = false
			}
			b = w.start(ctx)
		case r := <-doneChan(b):
			b.cancel()
			b = nil
			w.report(r)
			if again {
				again = false
				if fontChanged {
					w.builder = generator.NewBuilder(w.fontDirs, w.system)
					fontChanged = false
				}
				b = w.start(ctx)
			}
		}
	}
}

// running is a build in progress.
type running struct {
	cancel context.CancelFunc
	done   chan built
}

// built is the result of one build.
type built struct {
	start time.Time
	res   *generator.Output
	files []string
	err   error
}

// doneChan is the channel a build reports on, or nil (never ready) when none runs.
func doneChan(b *running) <-chan built {
	if b == nil {
		return nil
	}
	return b.done
}

// start builds the content file in the background, until the build ends or ctx is done.
func (w *watcher) start(ctx context.Context) *running {
	ctx, cancel := context.WithCancel(ctx)
	b := &running{cancel: cancel, done: make(chan built, 1)}
	builder := w.builder
	go func() {
		start := time.Now()
		res, files, err := builder.BuildContext(ctx, w.file, w.dir, w.formats)
		b.done <- built{start, res, files, err}
	}()
	return b
}

// What a watched file is.
const (
	contentFile = "内容文件"
	layoutFile  = "版式文件"
	fontFile    = "字体文件"
)

// follow adds files of one kind to the watched set and their folders to the
// watcher, and returns the files that were not watched before.
func (w *watcher) follow(what string, paths ...string) ([]string, error) {
	var added []string
	for _, p := range paths {
		p, err := filepath.Abs(p)
		if err != nil {
			return added, fmt.Errorf("无法监视 %s：%s", p, safefile.Reason(err))
		}
		if w.files[p] != "" {
			continue
		}
		if d := filepath.Dir(p); !w.dirs[d] {
			if err := w.fsw.Add(d); err != nil {
				return added, fmt.Errorf("无法监视文件夹 %s：%s", d, safefile.Reason(err))
			}
			w.dirs[d] = true
		}
		w.files[p] = what
		added = append(added, p)
	}
	return added, nil
}

// report tells the result of a build: the files, the page count and the time on
// stdout, or the located error on stderr. Builder.Build writes nothing unless every
// format rendered, so the last good files stay on an error; a cancelled build, whose
// text was changed meanwhile, says nothing.
func (w *watcher) report(r built) {
	res, files, err := r.res, r.files, r.err
	elapsed := time.Since(r.start)
	stamp := r.start.Format("15:04:05")
	if errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		fmt.Fprintf(w.stderr, "%s 生成失败，上次生成的文件保持不变：\n%v\n\n", stamp, err)
		return
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	pages := ""
	if res.Pages > 0 {
		pages = fmt.Sprintf("共 %d 页，", res.Pages)
	}
	fmt.Fprintf(w.stdout, "%s 已生成 %s（%s用时 %d 毫秒）\n", stamp, strings.Join(names, "、"), pages, elapsed.Milliseconds())

	// The layout file and the font files on disk that served this build are watched
	// from now on (and not dropped when a later build stops using them).
	if strings.HasSuffix(res.Doc.Layout, ".toml") {
		path := res.Doc.Layout
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(w.file), path)
		}
		w.followAndSay(layoutFile, path)
	}
	var disk []string
	for _, c := range res.Fonts {
		if c.Origin != fonts.OriginBundled {
			disk = append(disk, c.Path)
		}
	}
	sort.Strings(disk)
	w.followAndSay(fontFile, disk...)
}

// followAndSay follows files and tells the user about the new ones.
func (w *watcher) followAndSay(what string, paths ...string) {
	added, err := w.follow(what, paths...)
	for _, f := range added {
		fmt.Fprintf(w.stdout, "也监视%s %s\n", what, f)
	}
	if err != nil {
		fmt.Fprintln(w.stderr, err)
	}
}
