package netdial

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// MaxProxyHeader caps the bytes read for a proxy's answer to CONNECT
// (status line and headers).
const MaxProxyHeader = 16 << 10

// connect asks the proxy behind conn for a tunnel to target and returns
// the tunnel. Bytes the proxy sent after its answer are kept.
func connect(ctx context.Context, conn net.Conn, target string, pu *url.URL) (net.Conn, error) {
	proxyName := Redact(pu)
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	// Unblock reads and writes as soon as ctx ends.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })

	tunnel, err := handshake(conn, target, pu, proxyName)
	stopped := stop()
	if err == nil && !stopped {
		// ctx ended just as the exchange finished; the conn may carry the
		// past deadline the AfterFunc set.
		err = fmt.Errorf("proxy %s: CONNECT %s: %w", proxyName, target, ctx.Err())
	} else if err != nil {
		cause := ctx.Err()
		if dl, ok := ctx.Deadline(); ok && cause == nil && !time.Now().Before(dl) {
			// The conn deadline (ctx's own) fired before ctx's timer.
			cause = context.DeadlineExceeded
		}
		if cause != nil && !errors.Is(err, cause) {
			err = fmt.Errorf("%w (%w)", err, cause)
		}
	}
	if err != nil {
		return nil, err
	}
	_ = conn.SetDeadline(time.Time{})
	return tunnel, nil
}

// handshake writes the CONNECT request and reads the answer.
func handshake(conn net.Conn, target string, pu *url.URL, proxyName string) (net.Conn, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n", target, target)
	if pu.User != nil {
		pass, _ := pu.User.Password()
		cred := base64.StdEncoding.EncodeToString([]byte(pu.User.Username() + ":" + pass))
		fmt.Fprintf(&b, "Proxy-Authorization: Basic %s\r\n", cred)
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		return nil, fmt.Errorf("proxy %s: send CONNECT %s: %w", proxyName, target, err)
	}

	lr := &io.LimitedReader{R: conn, N: MaxProxyHeader}
	br := bufio.NewReaderSize(lr, 4096)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect, URL: &url.URL{Host: target}})
	if err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("proxy %s: answer to CONNECT %s is larger than %d bytes", proxyName, target, MaxProxyHeader)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("proxy %s closed the connection instead of answering CONNECT %s: %w", proxyName, target, err)
		}
		return nil, fmt.Errorf("proxy %s: no HTTP answer to CONNECT %s: %w", proxyName, target, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &ProxyError{
			Proxy:        proxyName,
			StatusCode:   resp.StatusCode,
			Status:       resp.Status,
			Authenticate: resp.Header.Get("Proxy-Authenticate"),
		}
	}
	if n := br.Buffered(); n > 0 {
		early, _ := br.Peek(n)
		return &bufferedConn{Conn: conn, buf: append([]byte(nil), early...)}, nil
	}
	return conn, nil
}

// bufferedConn is a tunnel whose first bytes were already read from the
// network while reading the proxy's answer.
type bufferedConn struct {
	net.Conn
	buf []byte
}

// Read returns the early bytes first, then reads from the connection.
func (c *bufferedConn) Read(p []byte) (int, error) {
	if len(c.buf) > 0 {
		n := copy(p, c.buf)
		c.buf = c.buf[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// NetConn returns the underlying connection.
func (c *bufferedConn) NetConn() net.Conn { return c.Conn }
