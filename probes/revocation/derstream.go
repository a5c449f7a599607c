package revocation

import (
	"bufio"
	"errors"
	"fmt"
	"hash"
	"io"
)

// errMalformed marks DER that cannot be read: a bad header, a length that
// overruns its enclosing element, an element larger than its cap, or
// input that ends inside an element.
var errMalformed = errors.New("malformed DER")

// derStream reads DER elements one at a time from a stream, never holding
// more than the element the caller asks for in full. While tee is set,
// every byte consumed is also written to it (the hash of the signed
// part of a CRL).
type derStream struct {
	r   *bufio.Reader
	pos int64 // bytes consumed so far
	tee hash.Hash
	buf [32 << 10]byte // scratch for skip
	one [1]byte
}

func newDERStream(r io.Reader) *derStream {
	return &derStream{r: bufio.NewReaderSize(r, 32<<10)}
}

// malformed wraps a reason into errMalformed with the stream position.
func (d *derStream) malformed(format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", errMalformed, d.pos, fmt.Sprintf(format, args...))
}

// eofAsMalformed turns an end of input inside an element into
// errMalformed; other read errors (the transport's) pass through.
func (d *derStream) eofAsMalformed(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return d.malformed("the data ends early")
	}
	return err
}

// consumed records n bytes read as p and tees them.
func (d *derStream) consumed(p []byte) {
	d.pos += int64(len(p))
	if d.tee != nil {
		_, _ = d.tee.Write(p)
	}
}

func (d *derStream) readByte() (byte, error) {
	b, err := d.r.ReadByte()
	if err != nil {
		return 0, d.eofAsMalformed(err)
	}
	d.one[0] = b
	d.consumed(d.one[:])
	return b, nil
}

// header is one element's identifier and length, with the raw header
// bytes (so a caller can keep an element's full encoding).
type header struct {
	tag    byte
	length int64
	buf    [6]byte // tag, length byte, up to four length bytes
	n      int
}

// raw returns the header's encoding.
func (h *header) raw() []byte { return h.buf[:h.n] }

func (h *header) add(b byte) { h.buf[h.n] = b; h.n++ }

// readHeader reads a tag and a definite DER length (at most 4 length
// bytes, minimal form) and checks that the element ends by limit (an
// absolute stream position).
func (d *derStream) readHeader(limit int64) (header, error) {
	var h header
	tag, err := d.readByte()
	if err != nil {
		return h, err
	}
	if tag&0x1f == 0x1f {
		return h, d.malformed("high tag numbers are not used in a CRL")
	}
	h.tag = tag
	h.add(tag)
	l, err := d.readByte()
	if err != nil {
		return h, err
	}
	h.add(l)
	switch {
	case l < 0x80:
		h.length = int64(l)
	case l == 0x80:
		return h, d.malformed("indefinite length")
	default:
		n := int(l & 0x7f)
		if n > 4 {
			return h, d.malformed("length of %d bytes", n)
		}
		for i := 0; i < n; i++ {
			b, err := d.readByte()
			if err != nil {
				return h, err
			}
			if i == 0 && b == 0 {
				return h, d.malformed("non-minimal length")
			}
			h.add(b)
			h.length = h.length<<8 | int64(b)
		}
		if h.length < 0x80 {
			return h, d.malformed("non-minimal length")
		}
	}
	if d.pos+h.length > limit {
		return h, d.malformed("an element of %d bytes overruns its container", h.length)
	}
	return h, nil
}

// expect reads a header and checks its tag.
func (d *derStream) expect(tag byte, limit int64, what string) (header, error) {
	h, err := d.readHeader(limit)
	if err != nil {
		return h, err
	}
	if h.tag != tag {
		return h, d.malformed("%s: tag 0x%02x, want 0x%02x", what, h.tag, tag)
	}
	return h, nil
}

// content reads an element's content in full; it refuses elements over
// max bytes (every element read whole is small: names, times, entries).
func (d *derStream) content(h header, max int64, what string) ([]byte, error) {
	if h.length > max {
		return nil, d.malformed("%s of %d bytes (at most %d)", what, h.length, max)
	}
	return d.contentInto(nil, h, max, what)
}

// contentInto is content reusing buf's storage (the caller must be done
// with the previous element).
func (d *derStream) contentInto(buf []byte, h header, max int64, what string) ([]byte, error) {
	if h.length > max {
		return nil, d.malformed("%s of %d bytes (at most %d)", what, h.length, max)
	}
	p := buf[:0]
	if int64(cap(p)) < h.length {
		p = make([]byte, h.length)
	}
	p = p[:h.length]
	if _, err := io.ReadFull(d.r, p); err != nil {
		return nil, d.eofAsMalformed(err)
	}
	d.consumed(p)
	return p, nil
}

// skip consumes n bytes without keeping them (they are still teed).
func (d *derStream) skip(n int64) error {
	for n > 0 {
		chunk := d.buf[:min(n, int64(len(d.buf)))]
		if _, err := io.ReadFull(d.r, chunk); err != nil {
			return d.eofAsMalformed(err)
		}
		d.consumed(chunk)
		n -= int64(len(chunk))
	}
	return nil
}
