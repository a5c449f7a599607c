package netdial

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseResolve(t *testing.T) {
	t.Parallel()
	good := []struct{ in, hp, ip string }{
		{"zoom.test:443:127.0.0.1", "zoom.test:443", "127.0.0.1"},
		{"Zoom.US:8443:10.1.2.3", "zoom.us:8443", "10.1.2.3"},
		{"zoom.test:443:[::1]", "zoom.test:443", "::1"},
		{"zoom.test:443:::1", "zoom.test:443", "::1"},
		{"zoom.test:1:[2001:db8::5]", "zoom.test:1", "2001:db8::5"},
		{"zoom.test:65535:::ffff:127.0.0.1", "zoom.test:65535", "127.0.0.1"},
	}
	for _, g := range good {
		hp, ip, err := ParseResolve(g.in)
		if err != nil || hp != g.hp || ip != g.ip {
			t.Errorf("ParseResolve(%q) = %q, %q, %v; want %q, %q", g.in, hp, ip, err, g.hp, g.ip)
		}
	}
	bad := []struct{ in, says string }{
		{"", "HOST:PORT:ADDRESS"},
		{"zoom.test", "HOST:PORT:ADDRESS"},
		{"zoom.test:443", "HOST:PORT:ADDRESS"},
		{":443:127.0.0.1", "empty host"},
		{"zoom.test:0:127.0.0.1", "1 to 65535"},
		{"zoom.test:65536:127.0.0.1", "1 to 65535"},
		{"zoom.test:https:127.0.0.1", "1 to 65535"},
		{"zoom.test:0443:127.0.0.1", "1 to 65535"},
		{"zoom.test:443:", "empty"},
		{"zoom.test:443:example.com", "not an IP address"},
		{"zoom.test:443:127.0.0.1,127.0.0.2", "several"},
		{"zoom.test:443:[127.0.0.1]", "not an IPv6"},
		{"zoom.test:443:[::1", "not an IP address"},
		{"[::1]:443:127.0.0.1", "invalid host"},
		{"a b:443:127.0.0.1", "invalid host"},
	}
	for _, b := range bad {
		_, _, err := ParseResolve(b.in)
		if err == nil {
			t.Errorf("ParseResolve(%q) accepted", b.in)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, b.says) || strings.Contains(msg, "\n") {
			t.Errorf("ParseResolve(%q) error %q; want one line mentioning %q", b.in, msg, b.says)
		}
	}
}

func TestParseResolveList(t *testing.T) {
	t.Parallel()
	m, err := ParseResolveList([]string{"zoom.test:443:127.0.0.1", "ZOOM.test:443:[::1]", "ocsp.test:80:127.0.0.2"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"zoom.test:443": "::1", "ocsp.test:80": "127.0.0.2"}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("ParseResolveList = %v, want %v (later entries win)", m, want)
	}
	if m, err := ParseResolveList(nil); m != nil || err != nil {
		t.Fatalf("empty list = %v, %v", m, err)
	}
	if _, err := ParseResolveList([]string{"zoom.test:443:127.0.0.1", "bad"}); err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Fatalf("a bad entry must fail and be named, got %v", err)
	}
}
