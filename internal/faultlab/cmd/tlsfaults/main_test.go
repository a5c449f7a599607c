package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

func TestRunServesEveryScenario(t *testing.T) {
	rootsPath := filepath.Join(t.TempDir(), "root.pem")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, rootsPath, pw); _ = pw.Close() }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})

	sc := bufio.NewScanner(pr)
	got := map[string]string{}
	for len(got) < len(tlslab.Scenarios) && sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 2 {
			t.Fatalf("line %q is not \"name host:port\"", sc.Text())
		}
		got[f[0]] = f[1]
	}
	for _, s := range tlslab.Scenarios {
		if got[string(s)] == "" {
			t.Fatalf("scenario %s not reported (%v)", s, got)
		}
	}
	pem, err := os.ReadFile(rootsPath)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		t.Fatal("roots file holds no certificate")
	}
	host, port, err := net.SplitHostPort(got[string(tlslab.Valid)])
	if err != nil || host != tlslab.DefaultHost {
		t.Fatalf("valid is at %q", got[string(tlslab.Valid)])
	}
	d := &net.Dialer{Timeout: 5 * time.Second}
	c, err := tls.DialWithDialer(d, "tcp", net.JoinHostPort("127.0.0.1", port), &tls.Config{RootCAs: roots, ServerName: host})
	if err != nil {
		t.Fatalf("valid scenario does not verify against the written root: %v", err)
	}
	_ = c.Close()
}

func TestRunNeedsRootsPath(t *testing.T) {
	if err := run(context.Background(), "", io.Discard); err == nil {
		t.Fatal("run without -roots succeeded")
	}
}
