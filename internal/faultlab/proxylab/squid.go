package proxylab

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// Paths of Debian's squid (package squid-openssl).
const (
	SquidBinary   = "/usr/sbin/squid"
	NCSAHelper    = "/usr/lib/squid/basic_ncsa_auth"
	CertgenHelper = "/usr/lib/squid/security_file_certgen"
)

// SquidOptions configures StartSquid.
type SquidOptions struct {
	// User and Password, when User is set, require Basic proxy login
	// (checked by squid's basic_ncsa_auth helper against an htpasswd file).
	User, Password string
	// Bump makes squid intercept TLS (ssl-bump): every tunnelled TLS
	// session is terminated by squid and re-signed by CA.
	Bump bool
	// CA signs the bumped certificates; nil means a new root named
	// "certwiz proxylab Squid Inspection CA". Only with Bump.
	CA *pki.Cert
}

// Squid is a running squid.
type Squid struct {
	// Addr is squid's 127.0.0.1:port.
	Addr string
	// CA is the bump CA (nil without Bump).
	CA *pki.Cert
	// Dir holds squid.conf, the logs and the certificate database.
	Dir string
}

// URL returns squid's proxy URL, without credentials.
func (s *Squid) URL() *url.URL { return &url.URL{Scheme: "http", Host: s.Addr} }

// URLWithLogin returns squid's proxy URL carrying user and password.
func (s *Squid) URLWithLogin(user, password string) *url.URL {
	u := s.URL()
	u.User = url.UserPassword(user, password)
	return u
}

// AccessLog returns squid's access log so far.
func (s *Squid) AccessLog() string {
	b, _ := os.ReadFile(filepath.Join(s.Dir, "access.log"))
	return string(b)
}

// StartSquid runs squid in the foreground (-N) on a free 127.0.0.1 port
// with a minimal configuration: clients from loopback only, tunnels and
// requests to loopback only, no cache. It waits until the port accepts
// and kills squid and its helpers when the test ends. Without squid
// installed it fails the test when CI is set and skips it otherwise.
func StartSquid(t testing.TB, opts SquidOptions) *Squid {
	t.Helper()
	need := []string{SquidBinary}
	if opts.User != "" {
		need = append(need, NCSAHelper)
	}
	if opts.Bump {
		need = append(need, CertgenHelper)
	}
	for _, p := range need {
		if _, err := os.Stat(p); err != nil {
			faultlab.Missing(t, p+" is not installed (Debian package squid-openssl)")
		}
	}
	dir, err := squidDir()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &Squid{Dir: dir}
	if opts.Bump {
		s.CA = opts.CA
		if s.CA == nil {
			if s.CA, err = pki.NewRoot("certwiz proxylab Squid Inspection CA", pki.Org("certwiz proxylab")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.writeFiles(opts); err != nil {
		t.Fatal(err)
	}
	// A free port can be taken between probing and squid's bind; retry.
	for attempt := 0; ; attempt++ {
		err := s.start(t, opts)
		if err == nil {
			return s
		}
		if attempt == 2 {
			t.Fatalf("start squid: %v", err)
		}
	}
}

// squidDir makes a directory squid can use after it drops root to the
// "proxy" user.
func squidDir() (string, error) {
	dir, err := os.MkdirTemp("", "proxylab-squid-")
	if err != nil {
		return "", fmt.Errorf("squid dir: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", fmt.Errorf("squid dir: %w", err)
	}
	return dir, nil
}

// chownForSquid gives path to squid's effective user when running as
// root; otherwise squid runs as the current user and nothing is needed.
func chownForSquid(path string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("proxy")
	if err != nil {
		return nil // squid will keep running as root
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return filepath.Walk(path, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

func (s *Squid) writeFiles(opts SquidOptions) error {
	if opts.User != "" {
		salt := make([]byte, 8)
		_, _ = rand.Read(salt)
		const alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		for i := range salt {
			salt[i] = alphabet[int(salt[i])%len(alphabet)]
		}
		line := opts.User + ":" + md5Crypt(opts.Password, string(salt)) + "\n"
		if err := os.WriteFile(filepath.Join(s.Dir, "htpasswd"), []byte(line), 0o600); err != nil {
			return fmt.Errorf("write htpasswd: %w", err)
		}
	}
	if opts.Bump {
		keyPEM, err := s.CA.KeyPEM()
		if err != nil {
			return err
		}
		pemBytes := append(append([]byte(nil), s.CA.PEM()...), keyPEM...)
		if err := os.WriteFile(filepath.Join(s.Dir, "ca.pem"), pemBytes, 0o600); err != nil {
			return fmt.Errorf("write bump CA: %w", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, CertgenHelper, "-c", "-s", filepath.Join(s.Dir, "ssl_db"), "-M", "4MB").CombinedOutput()
		if err != nil {
			return fmt.Errorf("initialise squid's certificate database: %v: %s", err, out)
		}
	}
	return chownForSquid(s.Dir)
}

var squidConf = template.Must(template.New("squid.conf").Parse(`# written by certwiz faultlab/proxylab
{{if .Bump}}http_port 127.0.0.1:{{.Port}} ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=4MB tls-cert={{.Dir}}/ca.pem
sslcrtd_program {{.Certgen}} -s {{.Dir}}/ssl_db -M 4MB
sslcrtd_children 2 startup=1 idle=1
acl step1 at_step SslBump1
acl step2 at_step SslBump2
ssl_bump peek step1
ssl_bump stare step2
ssl_bump bump all
sslproxy_cert_error allow all
tls_outgoing_options flags=DONT_VERIFY_PEER
{{else}}http_port 127.0.0.1:{{.Port}}
{{end}}pid_filename {{.Dir}}/squid.pid
cache_log {{.Dir}}/cache.log
access_log stdio:{{.Dir}}/access.log
cache_store_log none
coredump_dir {{.Dir}}
cache deny all
cache_mem 4 MB
shutdown_lifetime 0 seconds
pinger_enable off
dns_v4_first on
acl lab_clients src 127.0.0.0/8 ::1
acl lab_targets dst 127.0.0.0/8 ::1
acl CONNECT method CONNECT
http_access deny !lab_clients
http_access deny !lab_targets
{{if .User}}auth_param basic program {{.NCSA}} {{.Dir}}/htpasswd
auth_param basic realm proxylab
auth_param basic children 1 startup=1 idle=1
acl lab_login proxy_auth REQUIRED
http_access deny !lab_login
{{end}}http_access allow lab_clients
http_access deny all
`))

// start writes squid.conf for a free port, runs squid and waits for it.
func (s *Squid) start(t testing.TB, opts SquidOptions) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	var conf bytes.Buffer
	err = squidConf.Execute(&conf, map[string]any{
		"Port": port, "Dir": s.Dir, "Bump": opts.Bump, "User": opts.User,
		"NCSA": NCSAHelper, "Certgen": CertgenHelper,
	})
	if err != nil {
		return fmt.Errorf("squid.conf: %w", err)
	}
	confPath := filepath.Join(s.Dir, "squid.conf")
	if err := os.WriteFile(confPath, conf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write squid.conf: %w", err)
	}
	out, err := os.Create(filepath.Join(s.Dir, "squid.out"))
	if err != nil {
		return fmt.Errorf("squid output: %w", err)
	}
	cmd := exec.Command(SquidBinary, "-N", "-f", confPath)
	cmd.Dir = s.Dir
	cmd.Stdout, cmd.Stderr = out, out
	// Own process group, so cleanup reaches squid's helpers too.
	ownProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		out.Close()
		return fmt.Errorf("run %s: %w", SquidBinary, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); out.Close(); close(exited) }()
	kill := func() {
		killProcessGroup(cmd)
		<-exited
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case <-exited:
			return fmt.Errorf("squid exited at startup: %s", s.logTail())
		default:
		}
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			kill()
			return fmt.Errorf("squid did not accept on %s within 15s: %s", addr, s.logTail())
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Addr = addr
	t.Cleanup(kill)
	return nil
}

// logTail returns the end of squid's output and cache.log, for errors.
func (s *Squid) logTail() string {
	var parts []string
	for _, name := range []string{"squid.out", "cache.log"} {
		b, err := os.ReadFile(filepath.Join(s.Dir, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			continue
		}
		if len(b) > 2000 {
			b = b[len(b)-2000:]
		}
		parts = append(parts, name+": "+strings.TrimSpace(string(b)))
	}
	return strings.Join(parts, " | ")
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
