package ntplab

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/beevik/ntp"
	"github.com/certwiz/certwiz/internal/faultlab/faketime"
)

// Chronyd is the chronyd binary the lab runs.
const Chronyd = "/usr/sbin/chronyd"

// readyWait bounds how long Start waits for chronyd to answer.
const readyWait = 5 * time.Second

// startAttempts is how often Start retries with a fresh port when the
// chosen one was taken between probing and binding.
const startAttempts = 3

// Server is one running chronyd.
type Server struct {
	// Addr is "127.0.0.1:port", ready for an SNTP query.
	Addr string
	// Offset is how far the server's clock is ahead of the machine's.
	Offset time.Duration

	cmd    *exec.Cmd
	log    *capped
	waited chan struct{}
	once   sync.Once
}

// MinOffset is the smallest non-zero offset a lab server keeps exactly.
// chronyd timestamps a request's arrival with the kernel's clock, which
// libfaketime cannot move, whenever that stamp is within a second of its
// own (faked) clock; past that it uses its own clock, and the answer is
// consistent. Zero needs no fake time at all.
const MinOffset = 1200 * time.Millisecond

// StartProcess starts chronyd with its clock offset by offset, keeping
// its configuration, pid and drift files in dir, and returns once it
// answers SNTP. The caller must Close it.
func StartProcess(offset time.Duration, dir string) (*Server, error) {
	if offset != 0 && offset.Abs() < MinOffset {
		return nil, fmt.Errorf("offset %v: a non-zero offset must be at least %v (chronyd stamps arrivals with the kernel's real clock when it is within a second of its own, so a smaller offset reads as about half of itself)", offset, MinOffset)
	}
	lib, err := faketime.Library()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(Chronyd); err != nil {
		return nil, fmt.Errorf("chronyd not installed (Debian package chrony): %w", err)
	}
	var lastErr error
	for attempt := 0; attempt < startAttempts; attempt++ {
		port, err := freeUDPPort()
		if err != nil {
			return nil, err
		}
		s, err := start(lib, offset, dir, port)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func start(lib string, offset time.Duration, dir string, port int) (*Server, error) {
	conf := filepath.Join(dir, "chrony.conf")
	if err := os.WriteFile(conf, []byte(config(dir, port)), 0o600); err != nil {
		return nil, fmt.Errorf("write chrony.conf: %w", err)
	}
	cmd := exec.Command(Chronyd, "-d", "-x", "-f", conf)
	cmd.Env = faketime.Env(lib, offset)
	dieWithParent(cmd)
	log := &capped{max: 16 << 10}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start chronyd: %w", err)
	}
	s := &Server{
		Addr:   net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		Offset: offset,
		cmd:    cmd,
		log:    log,
		waited: make(chan struct{}),
	}
	go func() { _ = cmd.Wait(); close(s.waited) }()
	if err := s.waitReady(); err != nil {
		s.Close()
		return nil, fmt.Errorf("chronyd on %s: %w; log: %s", s.Addr, err, log.String())
	}
	return s, nil
}

// waitReady polls the server until it answers, it exits, or readyWait
// passes.
func (s *Server) waitReady() error {
	deadline := time.Now().Add(readyWait)
	for {
		select {
		case <-s.waited:
			return errors.New("chronyd exited during start-up")
		default:
		}
		r, err := ntp.QueryWithOptions(s.Addr, ntp.QueryOptions{Timeout: 200 * time.Millisecond})
		if err == nil && r.Validate() == nil {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = r.Validate()
			}
			return fmt.Errorf("no valid answer within %v: %w", readyWait, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Close kills chronyd and waits for it to exit. It is safe to call more
// than once.
func (s *Server) Close() {
	s.once.Do(func() {
		_ = s.cmd.Process.Kill()
		<-s.waited
	})
}

// Log returns what chronyd wrote so far (capped), for test failures.
func (s *Server) Log() string { return s.log.String() }

func config(dir string, port int) string {
	return strings.Join([]string{
		"port " + strconv.Itoa(port),
		"bindaddress 127.0.0.1",
		"allow 127.0.0.1",
		"local stratum 8",
		"cmdport 0",
		"user root",
		"pidfile " + filepath.Join(dir, "chronyd.pid"),
		"driftfile " + filepath.Join(dir, "chrony.drift"),
		"ntsdumpdir " + dir,
		"",
	}, "\n")
}

// freeUDPPort asks the kernel for a free UDP port on 127.0.0.1.
func freeUDPPort() (int, error) {
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free UDP port: %w", err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port, nil
}

// UnusedAddr returns "127.0.0.1:port" for a UDP port nothing listens on
// (the port was free a moment ago): an NTP server that never answers.
func UnusedAddr() (string, error) {
	p, err := freeUDPPort()
	if err != nil {
		return "", err
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(p)), nil
}

// capped is a concurrency-safe buffer that keeps the first max bytes.
type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (c *capped) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}
