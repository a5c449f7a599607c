package sshserve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/certwiz/certwiz/internal/boundedfile"

	gossh "golang.org/x/crypto/ssh"
)

// maxHostKeySize bounds how much of the host key file is read.
const maxHostKeySize = 64 << 10

// loadOrCreateHostKey reads the host key at path, or creates a new ed25519
// key there (directory 0700, file 0600) when none exists. created reports
// whether a new key was written. Like sshd, an existing key file that
// group or others may read is refused; so is anything but a regular file
// of at most maxHostKeySize bytes.
func loadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	f, err := boundedfile.Open(path, maxHostKeySize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		signer, err = createHostKey(path)
		return signer, err == nil, err
	case err != nil:
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	defer f.Close() //nolint:errcheck // read-only
	info, err := f.Stat()
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	if perm := info.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		return nil, false, fmt.Errorf("host key %s: permissions %04o are too open: other users could read it; run chmod 600 %s", path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxHostKeySize+1))
	if err != nil {
		return nil, false, fmt.Errorf("read host key %s: %w", path, err)
	}
	if len(data) > maxHostKeySize {
		return nil, false, fmt.Errorf("host key %s: file is larger than %d bytes", path, maxHostKeySize)
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("parse host key %s: %w", path, err)
	}
	return signer, false, nil
}

// createHostKey writes a new ed25519 key in OpenSSH format, never
// overwriting an existing file, plus its public half in path+".pub".
func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "certwiz serve host key")
	if err != nil {
		return nil, fmt.Errorf("encode host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create host key directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create host key file: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("write host key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("write host key: %w", err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, fmt.Errorf("load new host key: %w", err)
	}
	pub := gossh.MarshalAuthorizedKey(signer.PublicKey())
	if err := os.WriteFile(path+".pub", pub, 0o644); err != nil {
		return nil, fmt.Errorf("write host public key: %w", err)
	}
	return signer, nil
}
