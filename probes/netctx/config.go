package netctx

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"time"
)

// Defaults.
const (
	// DefaultLookupTimeout bounds each DNS lookup.
	DefaultLookupTimeout = 2 * time.Second
	// DefaultPortTimeout bounds each TCP connect and STUN exchange.
	DefaultPortTimeout = 2 * time.Second
	// DefaultCommandTimeout bounds each external command.
	DefaultCommandTimeout = 2 * time.Second
	// DefaultNTPTimeout bounds each query to a system NTP server.
	DefaultNTPTimeout = 2 * time.Second
	// maxCommandOutput caps what is kept of a command's output.
	maxCommandOutput = 256 << 10
	// maxConfigFile caps how much of a configuration file is read.
	maxConfigFile = 256 << 10
)

// DefaultTCPPorts are the service's TCP ports tested on the first target.
var DefaultTCPPorts = []int{443, 8801, 8802}

// DefaultUDPPorts are the service's UDP ports, tested only with a STUN
// server.
var DefaultUDPPorts = []int{3478, 3479, 8801}

// Config says what the probe looks at and how. Every field is optional;
// the zero Config probes the live system.
type Config struct {
	// Targets are the host names to resolve (no ports).
	Targets []string
	// FirstTarget is the host whose ports are tested and whose proxy is
	// reported; empty means Targets[0].
	FirstTarget string
	// Ports are the TCP ports tested; nil means DefaultTCPPorts.
	Ports []int
	// UDPPorts are the UDP ports tested by STUN; nil means DefaultUDPPorts.
	UDPPorts []int
	// STUNServer is "host" or "host:port" of a STUN server. With a port,
	// only that UDP port is tested; without, each UDPPort of that host.
	// Empty: UDP is reported "not-testable".
	STUNServer string
	// Resolver is used for DNS lookups; nil means net.DefaultResolver.
	Resolver *net.Resolver
	// Dial opens the TCP connections of the port tests (network "tcp");
	// nil means a net.Dialer using Resolver. The runner may pass its own,
	// e.g. one applying --resolve. UDP (STUN) always uses a net.Dialer.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// LookupTimeout, PortTimeout, CommandTimeout and NTPTimeout bound each
	// lookup, port test, command and NTP query; zero means the defaults.
	LookupTimeout, PortTimeout, CommandTimeout, NTPTimeout time.Duration
	// Env reads environment variables; nil means os.Getenv.
	Env func(string) string
	// FS is the file system configuration, /proc and /sys are read from,
	// with paths relative to the root ("etc/chrony/chrony.conf"); nil
	// means os.DirFS("/").
	FS fs.FS
	// RunCommand runs an external command and returns its standard
	// output; nil means exec with the CommandTimeout deadline. A missing
	// command must return an error wrapping exec.ErrNotFound.
	RunCommand func(ctx context.Context, name string, args ...string) ([]byte, error)
	// NTPQuery asks server ("host" or "host:port") for the time and
	// returns nil when it answered; nil means an SNTP query with
	// NTPTimeout.
	NTPQuery func(ctx context.Context, server string) error
	// Interfaces lists the network interfaces; nil means the live ones.
	Interfaces func() ([]Interface, error)
	// SkipSystem leaves out the OS-specific checks (system proxy, routes,
	// system NTP, Wi-Fi); tests and benchmarks of the network parts set it.
	SkipSystem bool
}

// Interface is one network interface as the VPN check sees it.
type Interface struct {
	Name  string
	Flags net.Flags
	// Addrs are the interface's addresses in CIDR form.
	Addrs []string
	// Description is the adapter description (Windows), "" elsewhere.
	Description string
}

func (c *Config) firstTarget() string {
	if c.FirstTarget != "" {
		return c.FirstTarget
	}
	if len(c.Targets) > 0 {
		return c.Targets[0]
	}
	return ""
}

func (c *Config) resolver() *net.Resolver {
	if c.Resolver != nil {
		return c.Resolver
	}
	return net.DefaultResolver
}

func (c *Config) env(k string) string {
	if c.Env != nil {
		return c.Env(k)
	}
	return os.Getenv(k)
}

func (c *Config) fsys() fs.FS {
	if c.FS != nil {
		return c.FS
	}
	return os.DirFS("/")
}

func dur(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// dial opens a connection: TCP through Config.Dial when set, anything
// else (UDP) with a net.Dialer.
func (c *Config) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if c.Dial != nil && network == "tcp" {
		return c.Dial(ctx, network, addr)
	}
	d := net.Dialer{Resolver: c.Resolver}
	return d.DialContext(ctx, network, addr)
}

// run runs a command under the command deadline.
func (c *Config) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, dur(c.CommandTimeout, DefaultCommandTimeout))
	defer cancel()
	if c.RunCommand != nil {
		return c.RunCommand(ctx, name, args...)
	}
	return execCommand(ctx, name, args...)
}

// execCommand runs name with a deadline and returns at most
// maxCommandOutput bytes of its standard output.
func execCommand(ctx context.Context, name string, args ...string) ([]byte, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, err // wraps exec.ErrNotFound
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.WaitDelay = 500 * time.Millisecond
	out := &capped{max: maxCommandOutput}
	cmd.Stdout = out
	if err := cmd.Run(); err != nil {
		return out.buf, fmt.Errorf("%s: %w", name, err)
	}
	return out.buf, nil
}

// capped is a writer that keeps the first max bytes and drops the rest.
type capped struct {
	buf []byte
	max int
}

func (w *capped) Write(p []byte) (int, error) {
	if room := w.max - len(w.buf); room > 0 {
		if len(p) < room {
			room = len(p)
		}
		w.buf = append(w.buf, p[:room]...)
	}
	return len(p), nil
}

// readFile reads at most maxConfigFile bytes of name from fsys.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigFile))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}
