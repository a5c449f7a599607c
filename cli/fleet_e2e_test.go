package cli_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/promlab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// TestFleetPrometheusEndToEnd: certwiz writes its textfile into the
// directory Debian's node exporter reads, Debian's Prometheus scrapes the
// exporter on loopback, and the target codes certwiz reported come back
// from Prometheus's HTTP API.
func TestFleetPrometheusEndToEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	exporter := promlab.StartNodeExporter(t, dir)
	prom := promlab.StartPrometheus(t, exporter.Addr)

	e := newEnv(t)
	want := map[string]float64{}
	for s, code := range map[tlslab.Scenario]float64{tlslab.Valid: 0, tlslab.UnknownCA: 6, tlslab.Expired: 5} {
		srv := e.serve(t, s)
		want[fmt.Sprint(srv.Port)] = code
	}
	r := certwiz(ctxT(t), e.args("--skip", "clock,captive", "--format", "prometheus",
		"--output", filepath.Join(dir, "certwiz.prom"))...)
	if r.status != 2 || r.err != "" {
		t.Fatalf("status %d, stderr %q; want 2 and nothing", r.status, r.err)
	}

	ctx := ctxT(t)
	var got []promlab.Sample
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s, err := prom.Query(ctx, `certwiz_target_code{job="certwiz"}`)
		if err != nil {
			t.Fatal(err)
		}
		if got = s; len(got) == len(want) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(got) != len(want) {
		t.Fatalf("Prometheus has %d certwiz_target_code series, want %d: %+v\nexporter:\n%s\nprometheus:\n%s",
			len(got), len(want), got, exporter.Log(), tail(prom.Log(), 20))
	}
	for _, s := range got {
		code, ok := want[s.Labels["port"]]
		if !ok || s.Value != code || s.Labels["host"] != tlslab.DefaultHost {
			t.Errorf("series %v = %v; want one of %v", s.Labels, s.Value, want)
		}
	}
	for expr, v := range map[string]float64{
		`certwiz_exit_status{job="certwiz"}`:               2,
		`node_textfile_scrape_error{job="certwiz"}`:        0,
		`count(certwiz_target_tested{job="certwiz"} == 1)`: 3,
	} {
		s, err := prom.Query(ctx, expr)
		if err != nil {
			t.Fatal(err)
		}
		if len(s) != 1 || s[0].Value != v {
			t.Errorf("%s = %+v, want one sample of %v", expr, s, v)
		}
	}
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
