package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
)

// Fingerprint sets a.Hash, the hex SHA-256 of the text with every
// whitespace run collapsed to one space and the ends trimmed, and
// a.Sketch, a 64-bit one-bit-MinHash sketch over the text's word
// 3-shingles (see Sketch).
func Fingerprint(a *chronicle.Article) {
	a.Hash = TextHash(a.Text)
	a.Sketch = Sketch(a.Text)
}

// TextHash is the hex SHA-256 of s with whitespace runs collapsed to one
// space and leading and trailing whitespace removed.
func TextHash(s string) string {
	h := sha256.New()
	var buf [4096]byte
	n := 0
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = n > 0 || space
			continue
		}
		if space {
			if n == len(buf) {
				h.Write(buf[:n])
				n = 0
			}
			buf[n] = ' '
			n++
			space = false
		}
		if n+utf8.UTFMax > len(buf) {
			h.Write(buf[:n])
			n = 0
		}
		n += utf8.EncodeRune(buf[n:], r)
	}
	h.Write(buf[:n])
	return hex.EncodeToString(h.Sum(nil))
}

// Sketch returns a 64-bit similarity sketch of s: a one-bit MinHash made
// with one permutation hashing. Each of the text's word 3-shingles
// (letters and digits, lower-cased) is hashed once; the top six bits pick
// one of 64 bins, which keeps its smallest hash; bit i is the lowest bit
// of bin i's minimum (an empty bin borrows from the next full one). Two
// texts agree on each bit with probability about (1+J)/2, where J is the
// Jaccard similarity of their shingle sets, so a story re-published with a
// few words changed differs in a bit or two, and unrelated texts in about
// 32. Texts under three words use their words as shingles.
//
// (A SimHash over the same shingles was tried first: one changed word in
// a 160-word story flipped 6 or 7 of its bits, too many for the store's
// near-duplicate distance of 3.)
func Sketch(s string) uint64 {
	var (
		mins  [64]uint64
		ring  [3]uint64 // hashes of the last three words
		words int
		w     uint64 = fnvOffset
		inW   bool
		seen  bool
	)
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	add := func(h uint64) {
		seen = true
		h = mix(h)
		if bin, v := h>>58, h<<6; v < mins[bin] {
			mins[bin] = v
		}
	}
	end := func() {
		ring[words%3] = w
		words++
		if words >= 3 {
			// Order matters: combine oldest to newest.
			a, b, c := ring[(words-3)%3], ring[(words-2)%3], ring[(words-1)%3]
			add(a*0x9E3779B97F4A7C15 ^ bits.RotateLeft64(b, 21) ^ bits.RotateLeft64(c, 42))
		}
		w, inW = fnvOffset, false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for r > 0 {
				w ^= uint64(r & 0xff)
				w *= fnvPrime
				r >>= 8
			}
			inW = true
		} else if inW {
			end()
		}
	}
	if inW {
		end()
	}
	if words < 3 {
		for i := range words {
			add(ring[i])
		}
	}
	if !seen {
		return 0
	}
	var out uint64
	for i := range mins {
		m, k := mins[i], 0
		for m == ^uint64(0) { // empty: borrow from the next full bin
			k++
			m = mins[(i+k)%64]
		}
		if k > 0 {
			m = mix(m ^ uint64(k))
		}
		out |= (m >> 6 & 1) << i
	}
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: it spreads every input bit over the
// output, making each of Sketch's 64 hash ways independent.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Distance is the number of bits two sketches differ in.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
