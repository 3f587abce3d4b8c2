package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/workbench"
)

const editHelp = `用法 Usage: gongwen edit [文件.toml | 文件夹] [--no-open] [--addr 地址:端口]

在浏览器中打开公文工作台：像编辑文档一样填写各要素和正文，右边随时显示将要打印的每一页，
出错的地方标在对应的栏目旁；可以导入 Word、WPS 文稿，生成 PDF 和 DOCX，打印。
只在本机（127.0.0.1）提供服务，地址中带有随机口令；按 Ctrl-C 退出。
Opens the workbench in the browser: edit the document, see its exact pages, build and
print. Serves 127.0.0.1 only, with a random token in the address; Ctrl-C stops it.

例如 Example:
  gongwen edit samples/work-summary-2023.toml
  gongwen edit .                      打开当前文件夹，选择、新建或导入文稿
`

func editFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	noOpen := fs.Bool("no-open", false, "只打印地址，不打开浏览器 print the address only")
	addr := fs.String("addr", "127.0.0.1:0", "监听的地址和端口 host:port to listen on (默认本机的空闲端口)")
	noSystem := fs.Bool("bundled-fonts", false, "只用内置字体 use only the bundled fonts")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) > 1 {
			fmt.Fprintln(stderr, "gongwen edit: 最多一个内容文件或文件夹，例如：gongwen edit 工作总结.toml")
			return exitUsage
		}
		target := "."
		if len(args) == 1 {
			target = args[0]
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return serveWorkbench(ctx, target, *addr, !*noOpen, !*noSystem, stdout, stderr)
	}
}

// serveWorkbench serves the workbench of target (a content file, or a folder) until
// ctx ends.
func serveWorkbench(ctx context.Context, target, addr string, open, system bool, stdout, stderr io.Writer) int {
	dir, file := target, ""
	if st, err := os.Stat(target); err != nil {
		fmt.Fprintf(stderr, "gongwen edit: 找不到 %s\n", target)
		return exitUsage
	} else if !st.IsDir() {
		dir, file = filepath.Dir(target), filepath.Base(target)
	}
	s, err := workbench.New(dir, generator.NewBuilder(nil, system))
	if err != nil {
		fmt.Fprintf(stderr, "gongwen edit: %v\n", err)
		return exitContent
	}
	defer s.Close()
	if file != "" {
		if err := s.Open(file); err != nil {
			fmt.Fprintf(stderr, "gongwen edit: %v\n", err)
			return exitContent
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen edit: 无法在 %s 上提供服务：%v\n", addr, err)
		return exitUsage
	}
	host := ln.Addr().String()
	if h, port, err := net.SplitHostPort(host); err == nil && (h == "::" || h == "0.0.0.0") {
		host = net.JoinHostPort("127.0.0.1", port)
	}
	url := "http://" + host + "/?t=" + s.Token()
	srv := &http.Server{Handler: s.Handler(host), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "公文工作台：%s\n（在浏览器中打开这个地址；按 Ctrl-C 退出）\n", url)
	if open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(stderr, "提示：无法自动打开浏览器（%v），请手动打开上面的地址\n", err)
		}
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "gongwen edit: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, "工作台已关闭")
	return exitOK
}

// openBrowser opens url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return errors.New(strings.TrimSpace(err.Error()))
	}
	go cmd.Wait()
	return nil
}
