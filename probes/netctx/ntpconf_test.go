package netctx

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestChronyFollowsIncludeConfdirAndSourcedir(t *testing.T) {
	t.Parallel()
	c, ok := readChrony(os.DirFS("testdata/chrony-root"))
	if !ok {
		t.Fatal("chrony.conf not found")
	}
	want := []string{"ntp.office.example", "10.0.0.5:1123", "2.debian.pool.ntp.org", "from-confdir.example", "etc-wins.example", "from-sources.example", "from-include.example"}
	if !slices.Equal(c.Servers, want) {
		t.Fatalf("servers = %q\nwant      %q", c.Servers, want)
	}
	if len(c.Problems) != 0 {
		t.Fatalf("problems: %q", c.Problems)
	}
	if !slices.Contains(c.Files, "/etc/chrony/sources.d/office.sources") {
		t.Fatalf("files = %q", c.Files)
	}
}

func TestChronyBadInputIsUnknownNotCertain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fs      fstest.MapFS
		wantErr string
		servers int
	}{
		{"binary file", fstest.MapFS{"etc/chrony/chrony.conf": {Data: []byte("server \x00\x01\x02")}}, "not a text file", 0},
		{"directory instead of file", fstest.MapFS{"etc/chrony/chrony.conf/x": {Data: []byte("")}}, "chrony.conf", 0},
		{"server without host", fstest.MapFS{"etc/chrony/chrony.conf": {Data: []byte("server\n")}}, "without a host", 0},
		{"no servers", fstest.MapFS{"etc/chrony/chrony.conf": {Data: []byte("driftfile /x\n")}}, "no server configured", 0},
		{"include loop", fstest.MapFS{"etc/chrony/chrony.conf": {Data: []byte("server a.example\ninclude /etc/chrony/chrony.conf\n")}}, "nested too deeply", -1},
		{"directive in sources file", fstest.MapFS{
			"etc/chrony/chrony.conf": {Data: []byte("sourcedir /etc/s\n")},
			"etc/s/x.sources":        {Data: []byte("makestep 1 3\npool p.example\n")},
		}, "unexpected directive", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := linuxSystemNTP(&Config{FS: tc.fs})
			if !strings.Contains(n.Err, tc.wantErr) {
				t.Fatalf("err = %q, want it to mention %q", n.Err, tc.wantErr)
			}
			if tc.servers >= 0 && len(n.Servers) != tc.servers {
				t.Fatalf("servers = %q, want %d", n.Servers, tc.servers)
			}
			if n.Reachable != nil {
				t.Fatal("reachability claimed without a query")
			}
		})
	}
}

func TestTimesyncdDropinsAndFallback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fs       fstest.MapFS
		want     []string
		fallback bool
	}{
		{"NTP in main file", fstest.MapFS{"etc/systemd/timesyncd.conf": {Data: []byte("[Time]\nNTP=a.example b.example\nFallbackNTP=f.example\n")}}, []string{"a.example", "b.example"}, false},
		{"drop-in appends and resets", fstest.MapFS{
			"etc/systemd/timesyncd.conf":                 {Data: []byte("[Time]\nNTP=a.example\n")},
			"etc/systemd/timesyncd.conf.d/10-x.conf":     {Data: []byte("[Time]\nNTP=\nNTP=office.example\n")},
			"usr/lib/systemd/timesyncd.conf.d/20-y.conf": {Data: []byte("[Time]\nNTP=extra.example\n")},
			"usr/lib/systemd/timesyncd.conf.d/10-x.conf": {Data: []byte("[Time]\nNTP=shadowed.example\n")},
		}, []string{"office.example", "extra.example"}, false},
		{"only fallback", fstest.MapFS{"etc/systemd/timesyncd.conf": {Data: []byte("#[Time]\n[Time]\n#NTP=\nFallbackNTP=f1.example f2.example\n")}}, []string{"f1.example", "f2.example"}, true},
		{"other sections ignored", fstest.MapFS{"etc/systemd/timesyncd.conf": {Data: []byte("[Other]\nNTP=no.example\n[Time]\nNTP=yes.example\n")}}, []string{"yes.example"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, fallback, ok := readTimesyncd(tc.fs)
			if !ok || fallback != tc.fallback || !slices.Equal(c.Servers, tc.want) || len(c.Problems) != 0 {
				t.Fatalf("got %q fallback=%v ok=%v problems=%q", c.Servers, fallback, ok, c.Problems)
			}
		})
	}
}

func TestTimesyncdBuiltinDefaultsAreUnknown(t *testing.T) {
	t.Parallel()
	n := linuxSystemNTP(&Config{FS: fstest.MapFS{"etc/systemd/timesyncd.conf": {Data: []byte("[Time]\n#NTP=\n")}}})
	if len(n.Servers) != 0 || !strings.Contains(n.Err, "built-in") {
		t.Fatalf("got %+v", n)
	}
}

func TestNoTimeDaemonConfig(t *testing.T) {
	t.Parallel()
	n := linuxSystemNTP(&Config{FS: fstest.MapFS{}})
	if n.Err == "" || len(n.Servers) != 0 {
		t.Fatalf("got %+v", n)
	}
	n = linuxSystemNTP(&Config{FS: fstest.MapFS{"etc/ntp.conf": {Data: []byte("# x\nserver time.office.example iburst\nrestrict default\n")}}})
	if !slices.Equal(n.Servers, []string{"time.office.example"}) || !strings.HasPrefix(n.Source, "ntpd") {
		t.Fatalf("ntp.conf: %+v", n)
	}
}
