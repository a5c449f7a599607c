package tlsprobe

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"
)

// Bounds of the raw handshake: what one record may carry, what the whole
// server flight may add up to, and how many certificates are kept.
const (
	maxRecord    = 16384 + 2048
	maxFlight    = 256 << 10
	maxRawCerts  = 32
	helloVersion = tls.VersionTLS12
	// versionSSL30 is SSL 3.0's wire version: a server that speaks only it
	// is named, not refused (tls.VersionSSL30 is deprecated).
	versionSSL30 = 0x0300
)

// rawHello is what a raw TLS 1.0-1.2 handshake learned from the server's
// first flight (ServerHello up to ServerHelloDone), without finishing.
type rawHello struct {
	Version uint16
	Suite   uint16
	// Certs are the certificates as sent (DER, unparsed), leaf first.
	Certs [][]byte
	// DHBits is the size of the finite-field DH prime (0 if not DHE);
	// Curve the named ECDHE group (0 if not ECDHE).
	DHBits int
	Curve  uint16
	// Done says ServerHelloDone was seen (the flight is complete).
	Done bool
}

// alertError is a fatal alert the server sent instead of a ServerHello.
type alertError struct{ desc byte }

func (e alertError) Error() string { return fmt.Sprintf("server sent alert %d", e.desc) }

// offeredSuites is every TLS 1.0-1.2 suite the raw ClientHello offers: the
// browsers' suites first, then everything else that has a name here, so
// a server that speaks only something old shows what it is.
func offeredSuites() []uint16 {
	out := browserSuites()
	seen := map[uint16]bool{}
	for _, id := range out {
		seen[id] = true
	}
	add := func(id uint16) {
		if !seen[id] && id>>8 != 0x13 {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, s := range tls.CipherSuites() {
		add(s.ID)
	}
	for _, s := range tls.InsecureCipherSuites() {
		add(s.ID)
	}
	for id := uint16(0); id < 0xffff; id++ { // stable order
		if _, ok := extraSuiteNames[id]; ok {
			add(id)
		}
	}
	return out
}

// clientHello builds a TLS 1.2 ClientHello record offering suites, with
// SNI for host (unless it is an IP literal) and the extensions old
// servers expect. It offers no finite-field groups, so a DHE server
// answers with the group it is configured with.
func clientHello(host string, suites []uint16) []byte {
	var ext []byte
	if host != "" && net.ParseIP(host) == nil && len(host) < 256 {
		name := append([]byte{0}, u16(len(host))...)
		name = append(name, host...)
		ext = appendExt(ext, 0, append(u16(len(name)), name...))
	}
	groups := []uint16{29, 23, 24, 25}
	ext = appendExt(ext, 10, append(u16(2*len(groups)), u16s(groups)...))
	ext = appendExt(ext, 11, []byte{1, 0})
	sigs := []uint16{0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203, 0x0202, 0x0402}
	ext = appendExt(ext, 13, append(u16(2*len(sigs)), u16s(sigs)...))
	ext = appendExt(ext, 23, nil)
	ext = appendExt(ext, 0xff01, []byte{0})

	random := make([]byte, 32)
	_, _ = rand.Read(random)
	body := append(u16(helloVersion), random...)
	body = append(body, 0) // no session ID
	body = append(body, u16(2*len(suites))...)
	body = append(body, u16s(suites)...)
	body = append(body, 1, 0) // null compression
	body = append(body, u16(len(ext))...)
	body = append(body, ext...)

	msg := append([]byte{1, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
	rec := append([]byte{22, 3, 1}, u16(len(msg))...)
	return append(rec, msg...)
}

func appendExt(b []byte, typ uint16, data []byte) []byte {
	b = append(b, u16(int(typ))...)
	b = append(b, u16(len(data))...)
	return append(b, data...)
}

func u16(n int) []byte { return []byte{byte(n >> 8), byte(n)} }

func u16s(v []uint16) []byte {
	out := make([]byte, 0, 2*len(v))
	for _, x := range v {
		out = binary.BigEndian.AppendUint16(out, x)
	}
	return out
}

// parseServerFlight reads TLS records from r until ServerHelloDone, an
// alert, or a bound, and returns what the server's flight said. A partial
// result (ServerHello seen) is returned with the error that stopped it.
func parseServerFlight(r io.Reader) (*rawHello, error) {
	var (
		buf   []byte // handshake bytes not yet parsed
		total int
		h     = &rawHello{}
		hello bool
		hdr   [5]byte
	)
	for total < maxFlight {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return partial(h, hello, fmt.Errorf("read record header: %w", err))
		}
		n := int(binary.BigEndian.Uint16(hdr[3:]))
		if n > maxRecord {
			return partial(h, hello, fmt.Errorf("record of %d bytes is too long", n))
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return partial(h, hello, fmt.Errorf("read record: %w", err))
		}
		total += 5 + n
		switch hdr[0] {
		case 21:
			if len(body) >= 2 {
				return partial(h, hello, alertError{desc: body[1]})
			}
			return partial(h, hello, errors.New("malformed alert"))
		case 22:
		default:
			return partial(h, hello, fmt.Errorf("unexpected record type %d", hdr[0]))
		}
		buf = append(buf, body...)
		for len(buf) >= 4 {
			typ := buf[0]
			mlen := int(buf[1])<<16 | int(buf[2])<<8 | int(buf[3])
			if mlen > maxFlight {
				return partial(h, hello, fmt.Errorf("handshake message of %d bytes is too long", mlen))
			}
			if len(buf) < 4+mlen {
				break
			}
			msg := buf[4 : 4+mlen]
			buf = buf[4+mlen:]
			var err error
			switch typ {
			case 2:
				err = h.parseServerHello(msg)
				hello = err == nil
			case 11:
				err = h.parseCertificates(msg)
			case 12:
				h.parseKeyExchange(msg)
			case 14:
				h.Done = true
				return h, nil
			}
			if err != nil {
				return partial(h, hello, err)
			}
		}
	}
	return partial(h, hello, errors.New("server flight is too long"))
}

func partial(h *rawHello, hello bool, err error) (*rawHello, error) {
	if !hello {
		return nil, err
	}
	return h, err
}

func (h *rawHello) parseServerHello(m []byte) error {
	if len(m) < 2+32+1 {
		return errors.New("short ServerHello")
	}
	h.Version = binary.BigEndian.Uint16(m)
	m = m[34:]
	sid := int(m[0])
	if len(m) < 1+sid+3 {
		return errors.New("short ServerHello")
	}
	h.Suite = binary.BigEndian.Uint16(m[1+sid:])
	if h.Version < versionSSL30 || h.Version > tls.VersionTLS12 {
		return fmt.Errorf("ServerHello version 0x%04x was not offered", h.Version)
	}
	return nil
}

func (h *rawHello) parseCertificates(m []byte) error {
	if len(m) < 3 {
		return errors.New("short Certificate message")
	}
	n := int(m[0])<<16 | int(m[1])<<8 | int(m[2])
	if n != len(m)-3 {
		return errors.New("malformed Certificate message")
	}
	m = m[3:]
	for len(m) > 0 && len(h.Certs) < maxRawCerts {
		if len(m) < 3 {
			return errors.New("malformed Certificate message")
		}
		l := int(m[0])<<16 | int(m[1])<<8 | int(m[2])
		if len(m) < 3+l {
			return errors.New("malformed Certificate message")
		}
		h.Certs = append(h.Certs, m[3:3+l:3+l])
		m = m[3+l:]
	}
	return nil
}

// parseKeyExchange reads the group from a ServerKeyExchange: the prime's
// size for finite-field DHE, the named curve for ECDHE. It does not check
// the signature (nothing is trusted from it but a size).
func (h *rawHello) parseKeyExchange(m []byte) {
	name := SuiteName(h.Suite)
	switch {
	case finiteFieldDHE(name):
		if len(m) < 2 {
			return
		}
		l := int(binary.BigEndian.Uint16(m))
		if len(m) < 2+l {
			return
		}
		h.DHBits = new(big.Int).SetBytes(m[2 : 2+l]).BitLen()
	case strings.HasPrefix(name, "TLS_ECDHE_") || strings.HasPrefix(name, "TLS_ECDH_anon_"):
		if len(m) >= 3 && m[0] == 3 {
			h.Curve = binary.BigEndian.Uint16(m[1:])
		}
	}
}
