package netctx

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestEnvProxy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		env      map[string]string
		host     string
		proxy    string
		bypassed bool
		err      bool
	}{
		{"none", nil, "zoom.us", "", false, false},
		{"https proxy with credentials redacted", map[string]string{"HTTPS_PROXY": "http://user:secret@proxy.corp.example:3128"}, "zoom.us", "http://proxy.corp.example:3128", false, false},
		{"lower case", map[string]string{"https_proxy": "proxy.corp.example:8080"}, "zoom.us", "http://proxy.corp.example:8080", false, false},
		{"http proxy does not apply to https", map[string]string{"HTTP_PROXY": "http://p.example:80"}, "zoom.us", "", false, false},
		{"NO_PROXY exempts", map[string]string{"HTTPS_PROXY": "http://p.example:80", "NO_PROXY": ".zoom.us"}, "eu01.zoom.us", "", true, false},
		{"malformed", map[string]string{"HTTPS_PROXY": "http://[bad"}, "zoom.us", "", false, true},
		{"bad escape", map[string]string{"HTTPS_PROXY": "%zz"}, "zoom.us", "", false, true},
		{"space in host", map[string]string{"HTTPS_PROXY": "http://a b:80"}, "zoom.us", "", false, true},
		{"bad port", map[string]string{"HTTPS_PROXY": "http://p.example:99999"}, "zoom.us", "", false, true},
		{"ftp scheme", map[string]string{"HTTPS_PROXY": "ftp://p.example:21"}, "zoom.us", "", false, true},
		{"socks5", map[string]string{"HTTPS_PROXY": "socks5://s.example:1080"}, "zoom.us", "socks5://s.example:1080", false, false},
	}
	for _, tc := range tests {
		p, by, errText := envProxy(envOf(tc.env), tc.host)
		if p != tc.proxy || by != tc.bypassed || (errText != "") != tc.err {
			t.Errorf("%s: got %q bypassed=%v err=%q", tc.name, p, by, errText)
		}
		if strings.Contains(p+errText, "secret") {
			t.Errorf("%s: password leaked", tc.name)
		}
	}
}

func TestGnomeProxy(t *testing.T) {
	t.Parallel()
	const base = "gsettings get org.gnome.system.proxy"
	tests := []struct {
		name string
		out  map[string]string
		want ProxyInfo
	}{
		{"gsettings missing", nil, ProxyInfo{Err: "no desktop proxy settings found (gsettings is not installed)"}},
		{"mode none", map[string]string{base + " mode": "'none'\n"}, ProxyInfo{Source: "gsettings"}},
		{"manual https", map[string]string{
			base + " mode": "'manual'\n",
			"gsettings get org.gnome.system.proxy.https host": "'proxy.corp.example'\n",
			"gsettings get org.gnome.system.proxy.https port": "3128\n",
		}, ProxyInfo{Source: "gsettings", System: "proxy.corp.example:3128"}},
		{"manual falls back to http", map[string]string{
			base + " mode": "'manual'\n",
			"gsettings get org.gnome.system.proxy.https host": "''\n",
			"gsettings get org.gnome.system.proxy.http host":  "'web.corp.example'\n",
			"gsettings get org.gnome.system.proxy.http port":  "uint16 8080\n",
		}, ProxyInfo{Source: "gsettings", System: "web.corp.example:8080"}},
		{"auto with PAC", map[string]string{base + " mode": "'auto'\n", base + " autoconfig-url": "'http://wpad.corp.example/wpad.dat'\n"},
			ProxyInfo{Source: "gsettings", PAC: "http://wpad.corp.example/wpad.dat"}},
		{"auto discovery", map[string]string{base + " mode": "'auto'\n", base + " autoconfig-url": "''\n"}, ProxyInfo{Source: "gsettings", WPAD: true}},
		{"garbage mode", map[string]string{base + " mode": "No such schema “org.gnome.system.proxy”\n"}, ProxyInfo{Source: "gsettings", Err: "proxy mode: not a quoted string: \"No such schema “org.gnome.system.proxy”\""}},
		{"unknown mode", map[string]string{base + " mode": "'weird'\n"}, ProxyInfo{Source: "gsettings", Err: `unknown proxy mode "weird"`}},
		{"bad port", map[string]string{
			base + " mode": "'manual'\n",
			"gsettings get org.gnome.system.proxy.https host": "'p.example'\n",
			"gsettings get org.gnome.system.proxy.https port": "99999\n",
		}, ProxyInfo{Source: "gsettings", Err: `org.gnome.system.proxy.https port: invalid "99999"`}},
	}
	for _, tc := range tests {
		cfg := Config{RunCommand: fixtureRunner(tc.out)}
		if got := gnomeProxy(context.Background(), &cfg); got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
	if _, err := parseGVariantString(`'it\'s'`); err != nil {
		t.Fatal(err)
	}
	if _, err := parseGVariantString(`'a'b'`); err == nil {
		t.Fatal("stray quote accepted")
	}
}

func TestExecCommandDeadlineMissingAndCap(t *testing.T) {
	t.Parallel()
	faultlab.Tool(t, "/bin/sh", "dash")
	cfg := Config{CommandTimeout: 200 * time.Millisecond}
	start := time.Now()
	_, err := cfg.run(context.Background(), "sh", "-c", "sleep 30")
	if err == nil {
		t.Fatal("a command past its deadline must fail")
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("deadline not enforced: %v", time.Since(start))
	}
	if _, err := cfg.run(context.Background(), "certwiz-no-such-command-xyz"); !errors.Is(err, exec.ErrNotFound) {
		t.Fatalf("missing command: %v", err)
	}
	out, err := (&Config{}).run(context.Background(), "sh", "-c", "head -c 600000 /dev/zero")
	if err != nil || len(out) != maxCommandOutput {
		t.Fatalf("output %d bytes, err %v; want it capped at %d", len(out), err, maxCommandOutput)
	}
}

// TestEnvProxyMalformedWithCredentials: whatever is wrong with a
// credential-bearing HTTPS_PROXY, the network section names the setting
// without its user name and password.
func TestEnvProxyMalformedWithCredentials(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"http://agent:S3cr3t@proxy.corp.example:3128 ",
		"http://agent:S3cr3t@proxy.corp.example:99999",
		"http://agent:S3cr3t@[proxy.corp.example:3128",
		"http://agent:S3cr3t@proxy.corp.example:31a8",
		"http://agent:S3cr3t:p@ss/w%zz?#@proxy.corp.example:3128x",
		"agent:S3cr3t@proxy.corp.example:port",
	} {
		p, _, errText := envProxy(envOf(map[string]string{"HTTPS_PROXY": raw}), "zoom.us")
		if p != "" || !strings.Contains(errText, "HTTPS_PROXY") || !strings.Contains(errText, "proxy.corp.example") {
			t.Errorf("%q: proxy %q, error %q", raw, p, errText)
		}
		if strings.Contains(errText, "S3cr3t") || strings.Contains(errText, "agent") {
			t.Errorf("%q: the error quotes the credentials: %s", raw, errText)
		}
	}
}
