//go:build linux

package netctx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

// childEnv tells a re-executed test binary that it runs inside a
// namespace and should print its VPN state.
const childEnv = "CERTWIZ_NETCTX_NETNS_CHILD"

// TestVPNInNamespace is the child half of TestVPNDetectionInNetworkNamespaces:
// run inside a namespace, it prints the live VPN state as JSON.
func TestVPNInNamespace(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("runs only inside a network namespace set up by TestVPNDetectionInNetworkNamespaces")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	v, wifi := vpnState(ctx, &Config{})
	b, err := json.Marshal(struct {
		VPN  VPNInfo
		WiFi *bool
	}{v, wifi})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("NETCTX-RESULT %s\n", b)
}

func TestVPNDetectionInNetworkNamespaces(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("child process")
	}
	if os.Geteuid() != 0 {
		faultlab.Missing(t, "creating network namespaces and tun devices needs root")
	}
	faultlab.Tool(t, "/usr/sbin/ip", "iproute2")
	t.Parallel()
	base := []string{
		"link set lo up",
		"tuntap add dev tun0 mode tun",
		"link set tun0 up",
		"addr add 10.99.0.2/24 dev tun0",
		"link add v0 type veth peer name v1",
		"link set v1 up",
		"link set v0 up",
		"addr add 192.168.77.2/24 dev v0",
	}
	tests := []struct {
		name   string
		routes []string
		full   *bool
	}{
		{"full tunnel: default route through tun0", []string{"route add default dev tun0"}, boolPtr(true)},
		{"split tunnel: default route through v0", []string{"route add default via 192.168.77.1 dev v0", "route add 10.200.0.0/16 dev tun0"}, boolPtr(false)},
		{"full tunnel by two halves", []string{"route add default via 192.168.77.1 dev v0", "route add 0.0.0.0/1 dev tun0", "route add 128.0.0.0/1 dev tun0"}, boolPtr(true)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ns := newNamespace(t)
			for _, c := range append(append([]string{}, base...), tc.routes...) {
				ipIn(t, ns, strings.Fields(c)...)
			}
			got := runChild(t, ns)
			v := got.VPN
			if !v.Detected || v.Interface != "tun0" || v.Why != "tun/tap device" {
				t.Fatalf("vpn = %+v", v)
			}
			if len(v.Addresses) != 1 || v.Addresses[0] != "10.99.0.2/24" {
				t.Fatalf("addresses = %v", v.Addresses)
			}
			if v.FullTunnel == nil || *v.FullTunnel != *tc.full {
				t.Fatalf("full tunnel = %v, want %v (route %q, err %q)", v.FullTunnel, *tc.full, v.Route, v.Err)
			}
			if !strings.Contains(v.Route, "dev") {
				t.Fatalf("route evidence = %q", v.Route)
			}
			if got.WiFi != nil {
				t.Fatalf("wifi = %v; a veth or tun says nothing about Wi-Fi", *got.WiFi)
			}
		})
	}
}

// newNamespace creates a network namespace deleted at cleanup.
func newNamespace(t *testing.T) string {
	t.Helper()
	var b [4]byte
	_, _ = rand.Read(b[:])
	ns := "certwiz-test-" + hex.EncodeToString(b[:])
	if out, err := command(t, "/usr/sbin/ip", "netns", "add", ns); err != nil {
		t.Fatalf("ip netns add: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := command(t, "/usr/sbin/ip", "netns", "delete", ns); err != nil {
			t.Errorf("ip netns delete %s: %v: %s", ns, err, out)
		}
	})
	return ns
}

func ipIn(t *testing.T, ns string, args ...string) {
	t.Helper()
	if out, err := command(t, "/usr/sbin/ip", append([]string{"-n", ns}, args...)...); err != nil {
		t.Fatalf("ip -n %s %s: %v: %s", ns, strings.Join(args, " "), err, out)
	}
}

type childResult struct {
	VPN  VPNInfo
	WiFi *bool
}

// runChild re-executes the test binary inside ns and decodes its result.
func runChild(t *testing.T, ns string) childResult {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/sbin/ip", "netns", "exec", ns, exe, "-test.run=^TestVPNInNamespace$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "NETCTX-RESULT "); ok {
			var r childResult
			if err := json.Unmarshal([]byte(rest), &r); err != nil {
				t.Fatalf("child output: %v: %s", err, rest)
			}
			return r
		}
	}
	t.Fatalf("child printed no result:\n%s", out)
	return childResult{}
}

func command(t *testing.T, name string, args ...string) ([]byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, name, args...).CombinedOutput()
}
