package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// source is the commit being packaged.
type source struct {
	version string
	commit  string    // full hash; "" outside a git checkout
	time    time.Time // the commit's time: the time of every zip entry
}

// describe finds the version, commit and commit time of the work tree at root with
// git. SOURCE_DATE_EPOCH, when set, overrides the time (reproducible-builds.org).
func describe(root string) (source, error) {
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	var s source
	commit, err := git("rev-parse", "HEAD")
	if err != nil {
		// No git or no checkout (a source archive): a version that says so.
		s.version = "0.0.0-unknown"
		s.time = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		s.commit = commit
		ct, err := git("log", "-1", "--format=%ct", "HEAD")
		if err != nil {
			return s, fmt.Errorf("git log: %w", err)
		}
		sec, err := strconv.ParseInt(ct, 10, 64)
		if err != nil {
			return s, fmt.Errorf("git log: commit time %q: %w", ct, err)
		}
		s.time = time.Unix(sec, 0).UTC()
		exact, _ := git("describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD")
		last, _ := git("describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "HEAD")
		status, err := git("status", "--porcelain", "--untracked-files=no")
		if err != nil {
			return s, fmt.Errorf("git status: %w", err)
		}
		s.version = versionOf(exact, last, s.time, commit, status != "")
	}
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return s, fmt.Errorf("SOURCE_DATE_EPOCH=%q: %w", epoch, err)
		}
		s.time = time.Unix(sec, 0).UTC()
	}
	return s, nil
}

var semver = regexp.MustCompile(`^v(\d+)\.(\d+)\.(\d+)$`)

// versionOf applies the scheme of the package comment: the exact tag, else the next
// patch after the last tag (or 0.1.0), the commit's date and its short hash.
func versionOf(exactTag, lastTag string, t time.Time, commit string, dirty bool) string {
	v := ""
	if semver.MatchString(exactTag) {
		v = strings.TrimPrefix(exactTag, "v")
	} else {
		next := "0.1.0"
		if m := semver.FindStringSubmatch(lastTag); m != nil {
			patch, _ := strconv.Atoi(m[3])
			next = fmt.Sprintf("%s.%s.%d", m[1], m[2], patch+1)
		}
		v = fmt.Sprintf("%s-%s-%s", next, t.UTC().Format("20060102"), short(commit))
	}
	if dirty {
		v += "-dirty"
	}
	return v
}
