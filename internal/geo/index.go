package geo

import "hash/maphash"

// keyIndex maps lookup keys to lists of places. It is an open-addressing
// hash table over strings that finds or inserts a key in one probe
// sequence, which makes Load about twice as fast as a Go map with a read
// and a write per key. A key with no places (head 0) is only the first
// word of longer names, which tells the matcher to look further.
type keyIndex struct {
	seed maphash.Seed
	// slots hold the high 32 bits of a key's hash and its index+1 into
	// keys (0 when empty); len is a power of two. Comparing the hash bits
	// first spares most string comparisons and their cache misses.
	slots []uint64
	keys  []string
	heads []int32 // index+1 into Gazetteer.entries of the key's first entry
}

func newKeyIndex(n int) *keyIndex {
	size := 1
	for size < n*2 {
		size <<= 1
	}
	return &keyIndex{
		seed:  maphash.MakeSeed(),
		slots: make([]uint64, size),
		keys:  make([]string, 0, n),
		heads: make([]int32, 0, n),
	}
}

// find returns the position of k in keys, or -1.
func (x *keyIndex) find(k string) int {
	return x.probe(maphash.String(x.seed, k), k)
}

func (x *keyIndex) probe(hash uint64, k string) int {
	mask := len(x.slots) - 1
	tag := hash >> 32
	for h := int(hash) & mask; ; h = (h + 1) & mask {
		s := x.slots[h]
		if s == 0 {
			return -1
		}
		if s>>32 == tag && x.keys[uint32(s)-1] == k {
			return int(uint32(s) - 1)
		}
	}
}

// findBytes is find for a key held in a byte slice; it does not allocate.
func (x *keyIndex) findBytes(k []byte) int {
	hash := maphash.Bytes(x.seed, k)
	mask := len(x.slots) - 1
	tag := hash >> 32
	for h := int(hash) & mask; ; h = (h + 1) & mask {
		s := x.slots[h]
		if s == 0 {
			return -1
		}
		if s>>32 == tag && x.keys[uint32(s)-1] == string(k) {
			return int(uint32(s) - 1)
		}
	}
}

// slot returns the position of k in keys, inserting it if absent.
func (x *keyIndex) slot(k string) int {
	if 2*(len(x.keys)+1) > len(x.slots) {
		x.grow()
	}
	hash := maphash.String(x.seed, k)
	mask := len(x.slots) - 1
	tag := hash >> 32
	for h := int(hash) & mask; ; h = (h + 1) & mask {
		s := x.slots[h]
		if s == 0 {
			x.keys = append(x.keys, k)
			x.heads = append(x.heads, 0)
			x.slots[h] = tag<<32 | uint64(len(x.keys))
			return len(x.keys) - 1
		}
		if s>>32 == tag && x.keys[uint32(s)-1] == k {
			return int(uint32(s) - 1)
		}
	}
}

func (x *keyIndex) grow() {
	x.slots = make([]uint64, 2*len(x.slots))
	mask := len(x.slots) - 1
	for i, k := range x.keys {
		hash := maphash.String(x.seed, k)
		h := int(hash) & mask
		for x.slots[h] != 0 {
			h = (h + 1) & mask
		}
		x.slots[h] = hash>>32<<32 | uint64(i+1)
	}
}
