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
	gossh "golang.org/x/crypto/ssh"
)

// maxAuthorizedKeysSize bounds how much of the authorized_keys file is read.
const maxAuthorizedKeysSize = 1 << 20

// authorizedKeys is an OpenSSH authorized_keys file, parsed once and parsed
// again whenever its identity, size or modification time changes.
type authorizedKeys struct {
	path string

	mu      sync.Mutex
	stamp   fileStamp
	keys    []gossh.PublicKey
	skipped int // lines that did not parse, in the current version
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
func (a *authorizedKeys) load() (keys []gossh.PublicKey, skipped int, changed bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	info, err := os.Stat(a.path)
	if err != nil {
		a.stamp, a.keys = fileStamp{}, nil
		return nil, 0, false, fmt.Errorf("authorized keys: %w", err)
	}
	if a.stamp.same(info) {
		return a.keys, a.skipped, false, nil
	}
	f, err := os.Open(a.path)
	if err != nil {
		return nil, 0, false, fmt.Errorf("authorized keys: %w", err)
	}
	defer f.Close() //nolint:errcheck // read-only
	keys, skipped, err = parseAuthorizedKeys(io.LimitReader(f, maxAuthorizedKeysSize))
	if err != nil {
		return nil, 0, false, fmt.Errorf("authorized keys %s: %w", a.path, err)
	}
	a.stamp = fileStamp{info: info, size: info.Size(), modTime: info.ModTime()}
	a.keys, a.skipped = keys, skipped
	return keys, skipped, true, nil
}

// parseAuthorizedKeys reads keys one per line; blank lines and comments are
// skipped, and so are lines that do not parse (counted in skipped), so one
// bad line does not lock every agent out.
func parseAuthorizedKeys(r io.Reader) (keys []gossh.PublicKey, skipped int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 16<<10), 64<<10)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			skipped++
			continue
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("read: %w", err)
	}
	return keys, skipped, nil
}

// allowed reports whether key is listed.
func allowed(keys []gossh.PublicKey, key ssh.PublicKey) bool {
	for _, k := range keys {
		if ssh.KeysEqual(k, key) {
			return true
		}
	}
	return false
}
