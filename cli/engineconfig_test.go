package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// Every engine flag lands in the probes configuration the run uses.
func TestEngineFlagsReachTheConfig(t *testing.T) {
	lab := tlslab.New(t)
	roots := filepath.Join(t.TempDir(), "roots.pem")
	if err := lab.WriteRootPEM(roots); err != nil {
		t.Fatal(err)
	}
	f := checkFlags{
		roots: roots, ntp: []string{"127.0.0.1:123", "[::1]:1123"}, captiveURL: "http://127.0.0.1:8080/generate_204",
		resolve: []string{"zoom.us:443:127.0.0.1"}, timeout: 3 * time.Second, lang: "ja", stun: "127.0.0.1:3478",
		skip: []string{"network", "captive"},
	}
	cfg, lang, err := engineConfig(context.Background(), f, []string{"zoom.us", "zoom.com:8801"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if lang != content.JA || cfg.Timeout != 3*time.Second || cfg.STUNServer != "127.0.0.1:3478" ||
		cfg.CaptiveURL != f.captiveURL || len(cfg.NTPServers) != 2 || cfg.Resolve["zoom.us:443"] != "127.0.0.1" ||
		cfg.Roots == nil || cfg.PublicRoots != cfg.Roots || !cfg.SkipNetwork || !cfg.SkipCaptive || cfg.SkipClock {
		t.Fatalf("config = %+v, lang %v", cfg, lang)
	}
	if len(cfg.Targets) != 2 || cfg.Targets[1].Host != "zoom.com" || cfg.Targets[1].Port != 8801 {
		t.Fatalf("targets = %+v", cfg.Targets)
	}
	for name, bad := range map[string]checkFlags{
		"stun without a host": {timeout: time.Second, stun: ":3478"},
		"stun with garbage":   {timeout: time.Second, stun: "a b"},
		"roots not PEM":       {timeout: time.Second, roots: writeFile(t, "not a certificate")},
	} {
		if _, _, err := engineConfig(context.Background(), bad, nil, func(string) string { return "" }); statusOf(err) != ExitUnknown {
			t.Errorf("%s: err = %v, want a usage error", name, err)
		}
	}
}

// The language comes from the environment when --lang is not given.
func TestEngineLanguageFromEnvironment(t *testing.T) {
	env := map[string]string{"LANG": "ja_JP.UTF-8"}
	_, lang, err := engineConfig(context.Background(), checkFlags{timeout: time.Second}, nil, func(k string) string { return env[k] })
	if err != nil || lang != content.JA {
		t.Fatalf("lang = %v, %v", lang, err)
	}
}

func writeFile(t *testing.T, body string) string {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
