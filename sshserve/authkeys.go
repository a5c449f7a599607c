package sshserve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"charm.land/ssh"
	"github.com/certwiz/certwiz/internal/boundedfile"
	gossh "golang.org/x/crypto/ssh"
)

// maxAuthorizedKeysSize bounds the authorized_keys file; a larger file is
// refused (every key), not cut.
const maxAuthorizedKeysSize = 1 << 20

// authorizedKeys is an OpenSSH authorized_keys file, parsed once and parsed
// again whenever its identity, size or modification time changes.
type authorizedKeys struct {
	path string

	mu    sync.Mutex
	stamp fileStamp
	cur   keyList
}

// keyList is one parsed version of the file.
type keyList struct {
	keys []authorizedKey
	// skipped counts lines that were left out: lines that do not parse and
	// keys with an option certwiz does not implement.
	skipped int
	// warnings name the file and line of every key left out for its options.
	warnings []string
}

// fileStamp identifies one version of a file.
type fileStamp struct {
	info    os.FileInfo
	size    int64
	modTime time.Time
}

func (a fileStamp) same(b os.FileInfo) bool {
	return a.info != nil && os.SameFile(a.info, b) && a.size == b.Size() && a.modTime.Equal(b.ModTime())
}

// load returns the current keys, re-reading the file when it changed.
// changed reports a (re)load, for logging.
func (a *authorizedKeys) load() (list keyList, changed bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	info, err := os.Stat(a.path)
	if err != nil {
		a.stamp, a.cur = fileStamp{}, keyList{}
		return keyList{}, false, fmt.Errorf("authorized keys: %w", err)
	}
	if a.stamp.same(info) {
		return a.cur, false, nil
	}
	f, err := boundedfile.Open(a.path, maxAuthorizedKeysSize)
	if err != nil {
		return keyList{}, false, fmt.Errorf("authorized keys: %w", err)
	}
	defer f.Close() //nolint:errcheck // read-only
	list, err = parseAuthorizedKeys(io.LimitReader(f, maxAuthorizedKeysSize), a.path)
	if err != nil {
		return keyList{}, false, fmt.Errorf("authorized keys %s: %w", a.path, err)
	}
	a.stamp = fileStamp{info: info, size: info.Size(), modTime: info.ModTime()}
	a.cur = list
	return list, true, nil
}

// parseAuthorizedKeys reads keys one per line; blank lines and comments are
// skipped, and so are lines that do not parse and keys with options
// certwiz does not implement (counted in skipped), so one bad line does
// not lock every agent out. path names the file in warnings.
func parseAuthorizedKeys(r io.Reader, path string) (keyList, error) {
	var list keyList
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 16<<10), 64<<10)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			list.skipped++
			continue
		}
		ak, err := parseKeyOptions(options, time.Local)
		if err != nil {
			list.skipped++
			list.warnings = append(list.warnings, fmt.Sprintf("%s:%d: key %s skipped: %v", path, lineNo, logValue(comment), err))
			continue
		}
		ak.key, ak.line = k, lineNo
		list.keys = append(list.keys, ak)
	}
	if err := sc.Err(); err != nil {
		return keyList{}, fmt.Errorf("read: %w", err)
	}
	return list, nil
}

// match returns the first listed entry for key whose options admit a
// client at ip at time now, and whether there is one. refusedBy says why
// the last matching entry turned the client away ("" when the key is not
// listed at all).
func (l keyList) match(key ssh.PublicKey, ip string, now time.Time) (ak authorizedKey, ok bool, refusedBy string) {
	for _, k := range l.keys {
		if !ssh.KeysEqual(k.key, key) {
			continue
		}
		if why := k.admits(ip, now); why != "" {
			refusedBy = fmt.Sprintf("line %d: %s", k.line, why)
			continue
		}
		return k, true, ""
	}
	return authorizedKey{}, false, refusedBy
}
