package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/certwiz/certwiz/cli"
	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// result is one certwiz invocation's outcome.
type result struct {
	status      int
	stdout, err string
}

// certwiz runs cli.Main with args, buffers for output and an empty
// environment (so the language is English and no proxy applies).
func certwiz(ctx context.Context, args ...string) result {
	var out, errb bytes.Buffer
	status := cli.Main(ctx, args, cli.IO{
		In: bytes.NewReader(nil), Out: &out, Err: &errb,
		Getenv: func(string) string { return "" },
	})
	return result{status, out.String(), errb.String()}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// env is a loopback world for `certwiz check`: a TLS lab whose root is in
// a --roots file, a CT log list trusted through --ct-logs (with --roots
// the lab root counts as public, so CT applies), a portal check and a
// dead NTP address.
type env struct {
	lab      *tlslab.Lab
	roots    string
	ctLogs   string
	logs     []*ctlab.Log
	captive  string
	ntp      string
	resolves []string
	targets  []string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	e := &env{lab: tlslab.New(t), ntp: ntplab.DeadAddr(t)}
	dir := t.TempDir()
	e.roots = filepath.Join(dir, "roots.pem")
	if err := e.lab.WriteRootPEM(e.roots); err != nil {
		t.Fatal(err)
	}
	var err error
	if e.logs, err = ctlab.NewLogs("Operator A", "Operator B"); err != nil {
		t.Fatal(err)
	}
	_, list, err := ctlab.LogList(e.logs...)
	if err != nil {
		t.Fatal(err)
	}
	e.ctLogs = filepath.Join(dir, "logs.json")
	if err := os.WriteFile(e.ctLogs, list, 0o644); err != nil {
		t.Fatal(err)
	}
	e.captive = portallab.Start(t, portallab.Online).URL
	return e
}

// serve starts a scenario that also sends SCTs from both lab logs over
// TLS, and adds it as a target.
func (e *env) serve(t testing.TB, s tlslab.Scenario, opts ...tlslab.Option) *tlslab.Server {
	t.Helper()
	opts = append(opts, tlslab.WithSCTsFunc(func(leaf *pki.Cert) ([][]byte, error) {
		return ctlab.SignCerts(leaf.Cert.Raw, time.Now().Add(-time.Hour), e.logs...)
	}))
	srv := e.lab.Serve(t, s, opts...)
	e.resolves = append(e.resolves, fmt.Sprintf("%s:%d:127.0.0.1", srv.Host, srv.Port))
	e.targets = append(e.targets, srv.HostPort())
	return srv
}

// args is `check` with every flag that keeps it on loopback, then extra,
// then the targets.
func (e *env) args(extra ...string) []string {
	a := []string{"check", "--roots", e.roots, "--ct-logs", e.ctLogs, "--ntp", e.ntp,
		"--captive-url", e.captive, "--skip", "network", "--timeout", "5s"}
	for _, r := range e.resolves {
		a = append(a, "--resolve", r)
	}
	a = append(a, extra...)
	return append(a, e.targets...)
}
