;; One pass of the contextual enhancement (enhanced-image.ts, filterPass) with 128-bit SIMD.
;; For every image pixel where where[] is set, in a padded float32 source of row length pw:
;;   dst[dstOrigin + y·dstStride + x] = f32( Σ_k weight[k] · src[(y+P)·pw + P + x + offset[k]] )
;; k running over the pixel's filter bin from start[bin] to start[bin] + count[bin], the sum taken
;; in f64 from +0 in ascending k: the JavaScript loop's arithmetic, operation for operation (a
;; float32 × float32 product is exact in f64; WebAssembly, like V8's JavaScript, fuses no
;; multiply-add; f32.demote / f32x4.demote round to nearest even like a Float32Array store).
;; Pixels that share a bin along a row (the angle is constant over 2×2 cells, the period over
;; blocks) are filtered four or two at a time, one pixel per f64 lane, so the lanes' sums are the
;; scalar sums; a run's odd pixel takes the scalar path. All pointers are byte addresses;
;; where[] is u8, bin[], start[], count[], offset[] are i32, weight[], src[], dst[] f32.
(module
  ;; The 8-neighbour code of the pixel at byte address %p in a u8 image of row length %w (bits
  ;; clockwise from north, as neighbourCode in thinned-skeleton.ts).
  (@define (@code %p %w)
    (i32.or (i32.or (i32.or
      (i32.load8_u (i32.sub (local.get %p) (local.get %w)))
      (i32.shl (i32.load8_u (i32.add (i32.sub (local.get %p) (local.get %w)) (i32.const 1))) (i32.const 1)))
      (i32.or
        (i32.shl (i32.load8_u offset=1 (local.get %p)) (i32.const 2))
        (i32.shl (i32.load8_u offset=1 (i32.add (local.get %p) (local.get %w))) (i32.const 3))))
      (i32.or (i32.or
        (i32.shl (i32.load8_u (i32.add (local.get %p) (local.get %w))) (i32.const 4))
        (i32.shl (i32.load8_u (i32.sub (i32.add (local.get %p) (local.get %w)) (i32.const 1))) (i32.const 5)))
        (i32.or
          (i32.shl (i32.load8_u (i32.sub (local.get %p) (i32.const 1))) (i32.const 6))
          (i32.shl (i32.load8_u (i32.sub (i32.sub (local.get %p) (local.get %w)) (i32.const 1))) (i32.const 7))))))
  ;; (f64(row[i]), f64(next row[i])) of an f32 plane: %p the row's byte address, %rw a row's bytes.
  (@define (@pair %p %i %rw)
    (f64x2.promote_low_f32x4 (v128.load32_lane 1 (i32.add (i32.add (local.get %p) (i32.shl (local.get %i) (i32.const 2))) (local.get %rw))
      (v128.load32_zero (i32.add (local.get %p) (i32.shl (local.get %i) (i32.const 2)))))))
  (memory (export "memory") 1)
  (func (export "filter")
    (param $src i32) (param $dst i32) (param $dstOrigin i32) (param $dstStride i32)
    (param $where i32) (param $bin i32) (param $w i32) (param $h i32) (param $P i32) (param $pw i32)
    (param $start i32) (param $count i32) (param $weight i32) (param $offset i32)
    (local $y i32) (local $x i32) (local $end i32) (local $row i32) (local $b i32)
    (local $k i32) (local $ks i32) (local $ke i32) (local $srow i32) (local $drow i32)
    (local $addr i32) (local $d i32)
    (local $a0 v128) (local $a1 v128) (local $wk v128) (local $v v128) (local $s f64)
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        ;; element index of (x = 0, y) in the padded source
        (local.set $srow (i32.add (i32.mul (i32.add (local.get $y) (local.get $P)) (local.get $pw)) (local.get $P)))
        (local.set $drow (i32.add (local.get $dstOrigin) (i32.mul (local.get $y) (local.get $dstStride))))
        (local.set $x (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $x) (local.get $w)))
            (if (i32.eqz (i32.load8_u (i32.add (local.get $where) (i32.add (local.get $row) (local.get $x)))))
              (then
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $cols)))
            ;; the run [x, end) of pixels in where[] with this pixel's bin
            (local.set $b (i32.load (i32.add (local.get $bin) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))))
            (local.set $end (i32.add (local.get $x) (i32.const 1)))
            (block $run_done
              (loop $run
                (br_if $run_done (i32.ge_s (local.get $end) (local.get $w)))
                (br_if $run_done (i32.eqz (i32.load8_u (i32.add (local.get $where) (i32.add (local.get $row) (local.get $end))))))
                (br_if $run_done (i32.ne (local.get $b)
                  (i32.load (i32.add (local.get $bin) (i32.shl (i32.add (local.get $row) (local.get $end)) (i32.const 2))))))
                (local.set $end (i32.add (local.get $end) (i32.const 1)))
                (br $run)))
            (local.set $ks (i32.shl (i32.load (i32.add (local.get $start) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 2)))
            (local.set $ke (i32.add (local.get $ks)
              (i32.shl (i32.load (i32.add (local.get $count) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 2))))
            ;; four pixels at a time: lanes (x, x+1) in $a0, (x+2, x+3) in $a1
            (block $four_done
              (loop $four
                (br_if $four_done (i32.gt_s (i32.add (local.get $x) (i32.const 4)) (local.get $end)))
                (local.set $a0 (v128.const f64x2 0 0))
                (local.set $a1 (v128.const f64x2 0 0))
                (local.set $k (local.get $ks))
                (block $taps_done
                  (loop $taps
                    (br_if $taps_done (i32.ge_u (local.get $k) (local.get $ke)))
                    (local.set $wk (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $weight) (local.get $k))))))
                    (local.set $addr (i32.add (local.get $src) (i32.shl
                      (i32.add (i32.add (local.get $srow) (local.get $x)) (i32.load (i32.add (local.get $offset) (local.get $k))))
                      (i32.const 2))))
                    (local.set $v (v128.load (local.get $addr)))
                    (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $wk) (f64x2.promote_low_f32x4 (local.get $v)))))
                    (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $wk) (f64x2.promote_low_f32x4
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br $taps)))
                (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (local.get $drow) (local.get $x)) (i32.const 2))))
                (v128.store64_lane 0 (local.get $d) (f32x4.demote_f64x2_zero (local.get $a0)))
                (v128.store64_lane offset=8 0 (local.get $d) (f32x4.demote_f64x2_zero (local.get $a1)))
                (local.set $x (i32.add (local.get $x) (i32.const 4)))
                (br $four)))
            ;; two pixels
            (if (i32.le_s (i32.add (local.get $x) (i32.const 2)) (local.get $end))
              (then
                (local.set $a0 (v128.const f64x2 0 0))
                (local.set $k (local.get $ks))
                (block $taps2_done
                  (loop $taps2
                    (br_if $taps2_done (i32.ge_u (local.get $k) (local.get $ke)))
                    (local.set $wk (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $weight) (local.get $k))))))
                    (local.set $addr (i32.add (local.get $src) (i32.shl
                      (i32.add (i32.add (local.get $srow) (local.get $x)) (i32.load (i32.add (local.get $offset) (local.get $k))))
                      (i32.const 2))))
                    (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $wk)
                      (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $addr))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br $taps2)))
                (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (local.get $drow) (local.get $x)) (i32.const 2))))
                (v128.store64_lane 0 (local.get $d) (f32x4.demote_f64x2_zero (local.get $a0)))
                (local.set $x (i32.add (local.get $x) (i32.const 2)))))
            ;; one pixel
            (if (i32.lt_s (local.get $x) (local.get $end))
              (then
                (local.set $s (f64.const 0))
                (local.set $k (local.get $ks))
                (block $taps1_done
                  (loop $taps1
                    (br_if $taps1_done (i32.ge_u (local.get $k) (local.get $ke)))
                    (local.set $s (f64.add (local.get $s) (f64.mul
                      (f64.promote_f32 (f32.load (i32.add (local.get $weight) (local.get $k))))
                      (f64.promote_f32 (f32.load (i32.add (local.get $src) (i32.shl
                        (i32.add (i32.add (local.get $srow) (local.get $x)) (i32.load (i32.add (local.get $offset) (local.get $k))))
                        (i32.const 2))))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br $taps1)))
                (f32.store (i32.add (local.get $dst) (i32.shl (i32.add (local.get $drow) (local.get $x)) (i32.const 2)))
                  (f32.demote_f64 (local.get $s)))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))))
            (br $cols)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))

  ;; boxMean (planes.ts) with the same operations: mean over a (2r+1)² window, edges replicated, in
  ;; place on data[] (f32, w × h) with tmp[] (f32) as scratch and col[] (f64, w) for the column
  ;; sums. Horizontal running sums per row (scalar, as the JavaScript); the vertical pass's column
  ;; sums two columns at a time, one per f64 lane. `inv` is the JavaScript's 1 / (2r + 1).
  (func (export "box_mean")
    (param $data i32) (param $tmp i32) (param $col i32) (param $w i32) (param $h i32) (param $r i32) (param $inv f64)
    (local $y i32) (local $x i32) (local $k i32) (local $i i32) (local $row i32) (local $add i32) (local $sub i32)
    (local $sum f64) (local $invv v128) (local $c v128) (local $last i32) (local $p i32) (local $q i32) (local $rw i32) (local $v v128)
    (local.set $last (i32.sub (local.get $w) (i32.const 1)))
    (local.set $invv (f64x2.splat (local.get $inv)))
    ;; horizontal: data -> tmp, two rows at a time (one per f64 lane: each lane's running sum the
    ;; JavaScript's for its row), then an odd last row alone
    (local.set $y (i32.const 0))
    (local.set $rw (i32.shl (local.get $w) (i32.const 2)))
    (block $h2_done
      (loop $h2
        (br_if $h2_done (i32.gt_s (i32.add (local.get $y) (i32.const 2)) (local.get $h)))
        (local.set $p (i32.add (local.get $data) (i32.shl (i32.mul (local.get $y) (local.get $w)) (i32.const 2))))
        (local.set $q (i32.add (local.get $tmp) (i32.shl (i32.mul (local.get $y) (local.get $w)) (i32.const 2))))
        (local.set $c (v128.const f64x2 0 0))
        (local.set $k (i32.sub (i32.const 0) (local.get $r)))
        (block $init2_done
          (loop $init2
            (br_if $init2_done (i32.gt_s (local.get $k) (local.get $r)))
            (local.set $i (select (i32.const 0)
              (select (local.get $last) (local.get $k) (i32.gt_s (local.get $k) (local.get $last)))
              (i32.lt_s (local.get $k) (i32.const 0))))
            (local.set $c (f64x2.add (local.get $c) (@pair $p $i $rw)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $init2)))
        (local.set $x (i32.const 0))
        (block $hx2_done
          (loop $hx2
            (br_if $hx2_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $v (f32x4.demote_f64x2_zero (f64x2.mul (local.get $c) (local.get $invv))))
            (local.set $i (i32.add (local.get $q) (i32.shl (local.get $x) (i32.const 2))))
            (f32.store (local.get $i) (f32x4.extract_lane 0 (local.get $v)))
            (f32.store (i32.add (local.get $i) (local.get $rw)) (f32x4.extract_lane 1 (local.get $v)))
            (local.set $add (i32.add (i32.add (local.get $x) (local.get $r)) (i32.const 1)))
            (local.set $add (select (local.get $add) (local.get $last) (i32.lt_s (local.get $add) (local.get $w))))
            (local.set $sub (i32.sub (local.get $x) (local.get $r)))
            (local.set $sub (select (local.get $sub) (i32.const 0) (i32.gt_s (local.get $sub) (i32.const 0))))
            (local.set $c (f64x2.add (local.get $c) (f64x2.sub (@pair $p $add $rw) (@pair $p $sub $rw))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $hx2)))
        (local.set $y (i32.add (local.get $y) (i32.const 2)))
        (br $h2)))
    (block $hy_done
      (loop $hy
        (br_if $hy_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        (local.set $sum (f64.const 0))
        (local.set $k (i32.sub (i32.const 0) (local.get $r)))
        (block $init_done
          (loop $init
            (br_if $init_done (i32.gt_s (local.get $k) (local.get $r)))
            (local.set $i (select (i32.const 0)
              (select (local.get $last) (local.get $k) (i32.gt_s (local.get $k) (local.get $last)))
              (i32.lt_s (local.get $k) (i32.const 0))))
            (local.set $sum (f64.add (local.get $sum)
              (f64.promote_f32 (f32.load (i32.add (local.get $data) (i32.shl (i32.add (local.get $row) (local.get $i)) (i32.const 2)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $init)))
        (local.set $x (i32.const 0))
        (block $hx_done
          (loop $hx
            (br_if $hx_done (i32.ge_s (local.get $x) (local.get $w)))
            (f32.store (i32.add (local.get $tmp) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))
              (f32.demote_f64 (f64.mul (local.get $sum) (local.get $inv))))
            (local.set $add (i32.add (i32.add (local.get $x) (local.get $r)) (i32.const 1)))
            (local.set $add (select (local.get $add) (local.get $last) (i32.lt_s (local.get $add) (local.get $w))))
            (local.set $sub (i32.sub (local.get $x) (local.get $r)))
            (local.set $sub (select (local.get $sub) (i32.const 0) (i32.gt_s (local.get $sub) (i32.const 0))))
            (local.set $sum (f64.add (local.get $sum) (f64.sub
              (f64.promote_f32 (f32.load (i32.add (local.get $data) (i32.shl (i32.add (local.get $row) (local.get $add)) (i32.const 2)))))
              (f64.promote_f32 (f32.load (i32.add (local.get $data) (i32.shl (i32.add (local.get $row) (local.get $sub)) (i32.const 2))))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $hx)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $hy)))
    ;; vertical: tmp -> data, with running column sums
    (memory.fill (local.get $col) (i32.const 0) (i32.shl (local.get $w) (i32.const 3)))
    (local.set $k (i32.sub (i32.const 0) (local.get $r)))
    (block $vinit_done
      (loop $vinit
        (br_if $vinit_done (i32.gt_s (local.get $k) (local.get $r)))
        (local.set $row (i32.mul (local.get $w) (select (i32.const 0)
          (select (i32.sub (local.get $h) (i32.const 1)) (local.get $k) (i32.gt_s (local.get $k) (i32.sub (local.get $h) (i32.const 1))))
          (i32.lt_s (local.get $k) (i32.const 0)))))
        (local.set $x (i32.const 0))
        (block $vix_done
          (loop $vix
            (br_if $vix_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $i (i32.add (local.get $col) (i32.shl (local.get $x) (i32.const 3))))
            (f64.store (local.get $i) (f64.add (f64.load (local.get $i))
              (f64.promote_f32 (f32.load (i32.add (local.get $tmp) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $vix)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $vinit)))
    (local.set $invv (f64x2.splat (local.get $inv)))
    (local.set $y (i32.const 0))
    (block $vy_done
      (loop $vy
        (br_if $vy_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        (local.set $add (i32.add (i32.add (local.get $y) (local.get $r)) (i32.const 1)))
        (local.set $add (i32.mul (local.get $w)
          (select (local.get $add) (i32.sub (local.get $h) (i32.const 1)) (i32.lt_s (local.get $add) (local.get $h)))))
        (local.set $sub (i32.sub (local.get $y) (local.get $r)))
        (local.set $sub (i32.mul (local.get $w) (select (local.get $sub) (i32.const 0) (i32.gt_s (local.get $sub) (i32.const 0)))))
        (local.set $x (i32.const 0))
        (block $v2_done
          (loop $v2
            (br_if $v2_done (i32.gt_s (i32.add (local.get $x) (i32.const 2)) (local.get $w)))
            (local.set $i (i32.add (local.get $col) (i32.shl (local.get $x) (i32.const 3))))
            (local.set $c (v128.load (local.get $i)))
            (v128.store64_lane 0 (i32.add (local.get $data) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))
              (f32x4.demote_f64x2_zero (f64x2.mul (local.get $c) (local.get $invv))))
            (v128.store (local.get $i) (f64x2.add (local.get $c) (f64x2.sub
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $tmp) (i32.shl (i32.add (local.get $add) (local.get $x)) (i32.const 2)))))
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $tmp) (i32.shl (i32.add (local.get $sub) (local.get $x)) (i32.const 2))))))))
            (local.set $x (i32.add (local.get $x) (i32.const 2)))
            (br $v2)))
        (if (i32.lt_s (local.get $x) (local.get $w))
          (then
            (local.set $i (i32.add (local.get $col) (i32.shl (local.get $x) (i32.const 3))))
            (local.set $sum (f64.load (local.get $i)))
            (f32.store (i32.add (local.get $data) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))
              (f32.demote_f64 (f64.mul (local.get $sum) (local.get $inv))))
            (f64.store (local.get $i) (f64.add (local.get $sum) (f64.sub
              (f64.promote_f32 (f32.load (i32.add (local.get $tmp) (i32.shl (i32.add (local.get $add) (local.get $x)) (i32.const 2)))))
              (f64.promote_f32 (f32.load (i32.add (local.get $tmp) (i32.shl (i32.add (local.get $sub) (local.get $x)) (i32.const 2))))))))))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $vy))))
  ;; distanceToOutside (planes.ts): the 3-4 chamfer distance to the nearest pixel where inside[] is
  ;; 0 (u8), the image border counting as outside, /3, into out[] (f32). The JavaScript's two raster
  ;; passes on the same values: they stay small integers (every pixel gets at most 3·(its distance
  ;; to the border + 1) in the forward pass), exact in i32 as in float32, and the last step is the
  ;; JavaScript's f64 division by 3 rounded to f32. d[] is i32 scratch.
  (func (export "distance") (param $inside i32) (param $d i32) (param $out i32) (param $w i32) (param $h i32)
    (local $x i32) (local $y i32) (local $p i32) (local $v i32) (local $t i32) (local $n i32) (local $row i32)
    (local $lastX i32) (local $lastY i32) (local $rw i32)
    (local.set $n (i32.mul (local.get $w) (local.get $h)))
    (local.set $lastX (i32.sub (local.get $w) (i32.const 1)))
    (local.set $lastY (i32.sub (local.get $h) (i32.const 1)))
    (local.set $rw (i32.shl (local.get $w) (i32.const 2)))
    (local.set $x (i32.const 0))
    (block $init_done
      (loop $init
        (br_if $init_done (i32.ge_s (local.get $x) (local.get $n)))
        (i32.store (i32.add (local.get $d) (i32.shl (local.get $x) (i32.const 2)))
          (select (i32.const 1000000000) (i32.const 0) (i32.load8_u (i32.add (local.get $inside) (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $init)))
    ;; forward: left, up, up-left, up-right
    (local.set $y (i32.const 0))
    (block $fy_done
      (loop $fy
        (br_if $fy_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        (local.set $x (i32.const 0))
        (block $fx_done
          (loop $fx
            (br_if $fx_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $p (i32.add (local.get $d) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2))))
            (local.set $v (i32.load (local.get $p)))
            (if (local.get $v)
              (then
                (local.set $t (select (i32.add (i32.load offset=0 (i32.sub (local.get $p) (i32.const 4))) (i32.const 3)) (i32.const 3)
                  (i32.gt_s (local.get $x) (i32.const 0))))
                (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v))))
                (if (i32.gt_s (local.get $y) (i32.const 0))
                  (then
                    (local.set $t (i32.add (i32.load (i32.sub (local.get $p) (local.get $rw))) (i32.const 3)))
                    (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v))))
                    (local.set $t (select (i32.add (i32.load (i32.sub (i32.sub (local.get $p) (local.get $rw)) (i32.const 4))) (i32.const 4)) (i32.const 4)
                      (i32.gt_s (local.get $x) (i32.const 0))))
                    (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v))))
                    (local.set $t (select (i32.add (i32.load (i32.add (i32.sub (local.get $p) (local.get $rw)) (i32.const 4))) (i32.const 4)) (i32.const 4)
                      (i32.lt_s (local.get $x) (local.get $lastX))))
                    (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v)))))
                  (else
                    ;; first row: up, up-left and up-right are the border (3, 4, 4)
                    (local.set $v (select (i32.const 3) (local.get $v) (i32.lt_s (i32.const 3) (local.get $v))))))
                (i32.store (local.get $p) (local.get $v))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $fx)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $fy)))
    ;; backward: right, down, down-right, down-left; then /3 into out
    (local.set $y (local.get $lastY))
    (block $by_done
      (loop $by
        (br_if $by_done (i32.lt_s (local.get $y) (i32.const 0)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        (local.set $x (local.get $lastX))
        (block $bx_done
          (loop $bx
            (br_if $bx_done (i32.lt_s (local.get $x) (i32.const 0)))
            (local.set $p (i32.add (local.get $d) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2))))
            (local.set $v (i32.load (local.get $p)))
            (if (local.get $v)
              (then
                (local.set $t (select (i32.add (i32.load (i32.add (local.get $p) (i32.const 4))) (i32.const 3)) (i32.const 3)
                  (i32.lt_s (local.get $x) (local.get $lastX))))
                (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v))))
                (if (i32.lt_s (local.get $y) (local.get $lastY))
                  (then
                    (local.set $t (i32.add (i32.load (i32.add (local.get $p) (local.get $rw))) (i32.const 3)))
                    (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v))))
                    (local.set $t (select (i32.add (i32.load (i32.add (i32.add (local.get $p) (local.get $rw)) (i32.const 4))) (i32.const 4)) (i32.const 4)
                      (i32.lt_s (local.get $x) (local.get $lastX))))
                    (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v))))
                    (local.set $t (select (i32.add (i32.load (i32.sub (i32.add (local.get $p) (local.get $rw)) (i32.const 4))) (i32.const 4)) (i32.const 4)
                      (i32.gt_s (local.get $x) (i32.const 0))))
                    (local.set $v (select (local.get $t) (local.get $v) (i32.lt_s (local.get $t) (local.get $v)))))
                  (else
                    (local.set $v (select (i32.const 3) (local.get $v) (i32.lt_s (i32.const 3) (local.get $v))))))
                (i32.store (local.get $p) (local.get $v))))
            (f32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))
              (f32.demote_f64 (f64.div (f64.convert_i32_s (local.get $v)) (f64.const 3))))
            (local.set $x (i32.sub (local.get $x) (i32.const 1)))
            (br $bx)))
        (local.set $y (i32.sub (local.get $y) (i32.const 1)))
        (br $by))))
  ;; thinnedSkeleton (thinned-skeleton.ts), the same steps on the same bytes: the interior of
  ;; ridge[] copied into img[] (u8, border 0), the foreground listed in raster order in cand[]
  ;; (i32), Zhang–Suen sub-iterations by the tables at `tables` (ZS1, ZS2, SIMPLE: 256 bytes each)
  ;; collecting deletions in del[] before applying them, the list compacted after each iteration
  ;; with changes, at most 100 iterations; then the sequential clean-up pass in list order.
  (func (export "thin") (param $ridge i32) (param $img i32) (param $cand i32) (param $del i32) (param $tables i32)
    (param $w i32) (param $h i32)
    (local $x i32) (local $y i32) (local $i i32) (local $k i32) (local $nc i32) (local $nd i32) (local $m i32)
    (local $iter i32) (local $sub i32) (local $table i32) (local $changed i32) (local $p i32) (local $n i32)
    (local $code i32)
    (local.set $n (i32.mul (local.get $w) (local.get $h)))
    (memory.fill (local.get $img) (i32.const 0) (local.get $n))
    (local.set $y (i32.const 1))
    (block $cy_done
      (loop $cy
        (br_if $cy_done (i32.ge_s (local.get $y) (i32.sub (local.get $h) (i32.const 1))))
        (local.set $i (i32.add (i32.mul (local.get $y) (local.get $w)) (i32.const 1)))
        (memory.copy (i32.add (local.get $img) (local.get $i)) (i32.add (local.get $ridge) (local.get $i))
          (select (i32.sub (local.get $w) (i32.const 2)) (i32.const 0) (i32.gt_s (local.get $w) (i32.const 2))))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $cy)))
    (local.set $i (i32.const 0))
    (block $l_done
      (loop $l
        (br_if $l_done (i32.ge_s (local.get $i) (local.get $n)))
        (if (i32.load8_u (i32.add (local.get $img) (local.get $i)))
          (then
            (i32.store (i32.add (local.get $cand) (i32.shl (local.get $nc) (i32.const 2))) (local.get $i))
            (local.set $nc (i32.add (local.get $nc) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (block $iters_done
      (loop $iters
        (br_if $iters_done (i32.ge_s (local.get $iter) (i32.const 100)))
        (local.set $changed (i32.const 0))
        (local.set $sub (i32.const 0))
        (loop $subs
          (local.set $table (i32.add (local.get $tables) (i32.shl (local.get $sub) (i32.const 8))))
          (local.set $nd (i32.const 0))
          (local.set $k (i32.const 0))
          (block $scan_done
            (loop $scan
              (br_if $scan_done (i32.ge_s (local.get $k) (local.get $nc)))
              (local.set $i (i32.load (i32.add (local.get $cand) (i32.shl (local.get $k) (i32.const 2)))))
              (local.set $p (i32.add (local.get $img) (local.get $i)))
              (if (i32.load8_u (local.get $p))
                (then
                  (local.set $code (@code $p $w))
                  (if (i32.load8_u (i32.add (local.get $table) (local.get $code)))
                    (then
                      (i32.store (i32.add (local.get $del) (i32.shl (local.get $nd) (i32.const 2))) (local.get $i))
                      (local.set $nd (i32.add (local.get $nd) (i32.const 1)))))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $scan)))
          (local.set $k (i32.const 0))
          (block $apply_done
            (loop $apply
              (br_if $apply_done (i32.ge_s (local.get $k) (local.get $nd)))
              (i32.store8 (i32.add (local.get $img) (i32.load (i32.add (local.get $del) (i32.shl (local.get $k) (i32.const 2))))) (i32.const 0))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $apply)))
          (local.set $changed (i32.add (local.get $changed) (local.get $nd)))
          (local.set $sub (i32.add (local.get $sub) (i32.const 1)))
          (br_if $subs (i32.lt_s (local.get $sub) (i32.const 2))))
        (br_if $iters_done (i32.eqz (local.get $changed)))
        (local.set $m (i32.const 0))
        (local.set $k (i32.const 0))
        (block $compact_done
          (loop $compact
            (br_if $compact_done (i32.ge_s (local.get $k) (local.get $nc)))
            (local.set $i (i32.load (i32.add (local.get $cand) (i32.shl (local.get $k) (i32.const 2)))))
            (if (i32.load8_u (i32.add (local.get $img) (local.get $i)))
              (then
                (i32.store (i32.add (local.get $cand) (i32.shl (local.get $m) (i32.const 2))) (local.get $i))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $compact)))
        (local.set $nc (local.get $m))
        (local.set $iter (i32.add (local.get $iter) (i32.const 1)))
        (br $iters)))
    (local.set $table (i32.add (local.get $tables) (i32.const 512)))
    (local.set $k (i32.const 0))
    (block $clean_done
      (loop $clean
        (br_if $clean_done (i32.ge_s (local.get $k) (local.get $nc)))
        (local.set $p (i32.add (local.get $img) (i32.load (i32.add (local.get $cand) (i32.shl (local.get $k) (i32.const 2))))))
        (if (i32.load8_u (local.get $p))
          (then
            (if (i32.load8_u (i32.add (local.get $table) (@code $p $w)))
              (then (i32.store8 (local.get $p) (i32.const 0))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $clean))))
  ;; binarizedImage (binarized-image.ts): raw[i] = 1 where mask[i] ≠ 0 and data[i] (f32) < 0 (−0
  ;; and NaN are not, as in JavaScript); then ridge[] is 0 but on the interior where mask[i] ≠ 0,
  ;; the 3×3 majority: 1 when ≥ 6 of the 8 neighbours are raw 1, 0 when ≤ 2, raw[i] otherwise.
  ;; Sixteen pixels at a time (sums of 0/1 bytes, exact in any order), the rest one at a time.
  (func (export "binarize") (param $data i32) (param $mask i32) (param $raw i32) (param $ridge i32) (param $w i32) (param $h i32)
    (local $n i32) (local $i i32) (local $y i32) (local $x i32) (local $p i32) (local $s i32) (local $last i32)
    (local $zero v128) (local $one v128) (local $five v128) (local $three v128) (local $sum v128)
    (local.set $n (i32.mul (local.get $w) (local.get $h)))
    (local.set $one (i8x16.splat (i32.const 1)))
    (local.set $five (i8x16.splat (i32.const 5)))
    (local.set $three (i8x16.splat (i32.const 3)))
    (block $r16_done
      (loop $r16
        (br_if $r16_done (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (local.set $p (i32.add (local.get $data) (i32.shl (local.get $i) (i32.const 2))))
        (v128.store (i32.add (local.get $raw) (local.get $i))
          (v128.and
            (v128.and (local.get $one)
              (i8x16.narrow_i16x8_s
                (i16x8.narrow_i32x4_s
                  (f32x4.lt (v128.load (local.get $p)) (local.get $zero))
                  (f32x4.lt (v128.load offset=16 (local.get $p)) (local.get $zero)))
                (i16x8.narrow_i32x4_s
                  (f32x4.lt (v128.load offset=32 (local.get $p)) (local.get $zero))
                  (f32x4.lt (v128.load offset=48 (local.get $p)) (local.get $zero)))))
            (v128.not (i8x16.eq (v128.load (i32.add (local.get $mask) (local.get $i))) (local.get $zero)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $r16)))
    (block $r1_done
      (loop $r1
        (br_if $r1_done (i32.ge_s (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $raw) (local.get $i))
          (i32.and (i32.ne (i32.load8_u (i32.add (local.get $mask) (local.get $i))) (i32.const 0))
            (f32.lt (f32.load (i32.add (local.get $data) (i32.shl (local.get $i) (i32.const 2)))) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $r1)))
    (memory.fill (local.get $ridge) (i32.const 0) (local.get $n))
    (local.set $last (i32.sub (local.get $w) (i32.const 1)))
    (local.set $y (i32.const 1))
    (block $y_done
      (loop $ys
        (br_if $y_done (i32.ge_s (local.get $y) (i32.sub (local.get $h) (i32.const 1))))
        (local.set $x (i32.const 1))
        (block $x16_done
          (loop $x16
            (br_if $x16_done (i32.gt_s (i32.add (local.get $x) (i32.const 16)) (local.get $last)))
            (local.set $i (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x)))
            (local.set $p (i32.add (local.get $raw) (local.get $i)))
            (local.set $sum (i8x16.add
              (i8x16.add
                (i8x16.add (v128.load (i32.sub (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (v128.load (i32.sub (local.get $p) (local.get $w))))
                (i8x16.add (v128.load (i32.add (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (v128.load (i32.sub (local.get $p) (i32.const 1)))))
              (i8x16.add
                (i8x16.add (v128.load offset=1 (local.get $p)) (v128.load (i32.sub (i32.add (local.get $p) (local.get $w)) (i32.const 1))))
                (i8x16.add (v128.load (i32.add (local.get $p) (local.get $w))) (v128.load offset=1 (i32.add (local.get $p) (local.get $w)))))))
            (v128.store (i32.add (local.get $ridge) (local.get $i))
              (v128.and
                (v128.bitselect (local.get $one)
                  (v128.andnot (v128.load (local.get $p)) (i8x16.lt_u (local.get $sum) (local.get $three)))
                  (i8x16.gt_u (local.get $sum) (local.get $five)))
                (v128.not (i8x16.eq (v128.load (i32.add (local.get $mask) (local.get $i))) (local.get $zero)))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (br $x16)))
        (block $x1_done
          (loop $x1
            (br_if $x1_done (i32.ge_s (local.get $x) (local.get $last)))
            (local.set $i (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x)))
            (if (i32.load8_u (i32.add (local.get $mask) (local.get $i)))
              (then
                (local.set $p (i32.add (local.get $raw) (local.get $i)))
                (local.set $s (i32.add
                  (i32.add
                    (i32.add (i32.load8_u (i32.sub (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (i32.load8_u (i32.sub (local.get $p) (local.get $w))))
                    (i32.add (i32.load8_u (i32.add (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (i32.load8_u (i32.sub (local.get $p) (i32.const 1)))))
                  (i32.add
                    (i32.add (i32.load8_u offset=1 (local.get $p)) (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $w)) (i32.const 1))))
                    (i32.add (i32.load8_u (i32.add (local.get $p) (local.get $w))) (i32.load8_u offset=1 (i32.add (local.get $p) (local.get $w)))))))
                (i32.store8 (i32.add (local.get $ridge) (local.get $i))
                  (select (i32.const 1)
                    (select (i32.const 0) (i32.load8_u (local.get $p)) (i32.le_s (local.get $s) (i32.const 2)))
                    (i32.ge_s (local.get $s) (i32.const 6))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $x1)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $ys))))

  ;; toPpi500's resampling (resolution.ts), the same sums in the same order. Horizontal: for every
  ;; row y and output column x, tmp[y·ow + x] = f32(Σ hw[k]·pixels[y·w + at[x] + k]) over k in
  ;; [first[x], end[x]) ascending, from +0 in f64 (a float32 weight times a byte is exact); two
  ;; rows at a time, one per f64 lane. Vertical: for every output row y and column x, the f64 sum
  ;; from +0 of vw[k]·tmp[(vat[y] + k)·ow + x] over k in [vfirst[y], vend[y]) ascending, clamped to
  ;; 0..255 and rounded half up as the JavaScript does; two columns at a time. tmp[] needs 8 bytes
  ;; beyond its end (the last row's odd column reads a pair).
  (func (export "resample")
    (param $pixels i32) (param $w i32) (param $h i32) (param $tmp i32) (param $ow i32) (param $oh i32)
    (param $hw i32) (param $hat i32) (param $hfirst i32) (param $hend i32)
    (param $vw i32) (param $vat i32) (param $vfirst i32) (param $vend i32) (param $out i32)
    (local $y i32) (local $x i32) (local $k i32) (local $e i32) (local $row i32) (local $down i32) (local $trow i32)
    (local $at i32) (local $xi i32) (local $p i32) (local $vbase i32) (local $o i32)
    (local $acc v128) (local $f v128) (local $r v128) (local $half v128) (local $onev v128) (local $top v128)
    (local $zero v128)
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (local.set $onev (f64x2.splat (f64.const 1)))
    (local.set $top (f64x2.splat (f64.const 255)))
    (block $hy_done
      (loop $hy
        (br_if $hy_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.add (local.get $pixels) (i32.mul (local.get $y) (local.get $w))))
        ;; lane 1 is row y + 1, or row y again on an odd last row (then not stored)
        (local.set $down (select (local.get $w) (i32.const 0) (i32.lt_s (i32.add (local.get $y) (i32.const 1)) (local.get $h))))
        (local.set $trow (i32.add (local.get $tmp) (i32.shl (i32.mul (local.get $y) (local.get $ow)) (i32.const 2))))
        (local.set $x (i32.const 0))
        (block $hx_done
          (loop $hx
            (br_if $hx_done (i32.ge_s (local.get $x) (local.get $ow)))
            (local.set $xi (i32.shl (local.get $x) (i32.const 2)))
            (local.set $k (i32.load (i32.add (local.get $hfirst) (local.get $xi))))
            (local.set $e (i32.load (i32.add (local.get $hend) (local.get $xi))))
            (local.set $at (i32.add (local.get $row) (i32.load (i32.add (local.get $hat) (local.get $xi)))))
            (local.set $acc (v128.const f64x2 0 0))
            (block $t_done
              (loop $t
                (br_if $t_done (i32.ge_s (local.get $k) (local.get $e)))
                (local.set $p (i32.add (local.get $at) (local.get $k)))
                (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul
                  (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $hw) (i32.shl (local.get $k) (i32.const 2))))))
                  (f64x2.replace_lane 1
                    (f64x2.splat (f64.convert_i32_u (i32.load8_u (local.get $p))))
                    (f64.convert_i32_u (i32.load8_u (i32.add (local.get $p) (local.get $down))))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $t)))
            (local.set $r (f32x4.demote_f64x2_zero (local.get $acc)))
            (local.set $p (i32.add (local.get $trow) (local.get $xi)))
            (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $r)))
            (if (local.get $down)
              (then (f32.store (i32.add (local.get $p) (i32.shl (local.get $ow) (i32.const 2))) (f32x4.extract_lane 1 (local.get $r)))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $hx)))
        (local.set $y (i32.add (local.get $y) (i32.const 2)))
        (br $hy)))
    (local.set $y (i32.const 0))
    (block $vy_done
      (loop $vy
        (br_if $vy_done (i32.ge_s (local.get $y) (local.get $oh)))
        (local.set $xi (i32.shl (local.get $y) (i32.const 2)))
        (local.set $vbase (i32.load (i32.add (local.get $vat) (local.get $xi))))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $y) (local.get $ow))))
        (local.set $x (i32.const 0))
        (block $vx_done
          (loop $vx
            (br_if $vx_done (i32.ge_s (local.get $x) (local.get $ow)))
            (local.set $k (i32.load (i32.add (local.get $vfirst) (local.get $xi))))
            (local.set $e (i32.load (i32.add (local.get $vend) (local.get $xi))))
            (local.set $acc (v128.const f64x2 0 0))
            (block $u_done
              (loop $u
                (br_if $u_done (i32.ge_s (local.get $k) (local.get $e)))
                (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul
                  (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $vw) (i32.shl (local.get $k) (i32.const 2))))))
                  (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $tmp) (i32.shl
                    (i32.add (i32.mul (i32.add (local.get $vbase) (local.get $k)) (local.get $ow)) (local.get $x)) (i32.const 2))))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $u)))
            ;; s < 0 → 0; s > 255 → 255; else f = trunc(s), f + 1 when s − f ≥ 0.5 (NaN → 0, as s|0)
            (local.set $f (f64x2.trunc (local.get $acc)))
            (local.set $r (f64x2.add (local.get $f)
              (v128.and (local.get $onev) (f64x2.ge (f64x2.sub (local.get $acc) (local.get $f)) (local.get $half)))))
            (local.set $r (v128.bitselect (local.get $top) (local.get $r) (f64x2.gt (local.get $acc) (local.get $top))))
            (local.set $r (v128.bitselect (local.get $zero) (local.get $r) (f64x2.lt (local.get $acc) (local.get $zero))))
            (local.set $r (i32x4.trunc_sat_f64x2_s_zero (local.get $r)))
            (i32.store8 (i32.add (local.get $o) (local.get $x)) (i32x4.extract_lane 0 (local.get $r)))
            (if (i32.lt_s (i32.add (local.get $x) (i32.const 1)) (local.get $ow))
              (then (i32.store8 offset=1 (i32.add (local.get $o) (local.get $x)) (i32x4.extract_lane 1 (local.get $r)))))
            (local.set $x (i32.add (local.get $x) (i32.const 2)))
            (br $vx)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $vy))))

  ;; The orientation field's Sobel pass (orientation-field.ts): for every 2×2 cell (cx, cy), the
  ;; sums Σ(gx²−gy²), Σ2·gx·gy, Σ(gx²+gy²) over its interior pixels (1 ≤ x ≤ w−2, 1 ≤ y ≤ h−2) into
  ;; the f32 planes sxx[], sxy[], smag[] of hw × hh cells. Integers throughout: |gx|, |gy| ≤ 1020 and a
  ;; cell's sums stay below 2²⁴, so every f32 is exact and the order of the sum changes nothing.
  ;; First the gradients of eight pixels at a time in i16 lanes into the zero-bordered planes gx[],
  ;; gy[] (pitch gp ≥ 2·hw, a multiple of 8; 2·hh rows); then four cells at a time, each cell's two
  ;; columns by i32x4.dot_i16x8_s and its two rows added.
  (func (export "sobel_cells")
    (param $pixels i32) (param $w i32) (param $h i32) (param $gx i32) (param $gy i32) (param $gp i32)
    (param $sxx i32) (param $sxy i32) (param $smag i32) (param $hw i32) (param $hh i32)
    (local $y i32) (local $x i32) (local $p i32) (local $q i32) (local $up i32) (local $dn i32) (local $i i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $f i32) (local $g i32) (local $hh2 i32) (local $k i32)
    (local $va v128) (local $vb v128) (local $vc v128) (local $vd v128) (local $vf v128) (local $vg v128) (local $vh v128) (local $vk v128)
    (local $gx0 v128) (local $gy0 v128) (local $gx1 v128) (local $gy1 v128) (local $xx v128) (local $yy v128) (local $xy v128)
    (local $rowBytes i32) (local $left i32)
    (local.set $rowBytes (i32.shl (local.get $gp) (i32.const 1)))
    (memory.fill (local.get $gx) (i32.const 0) (i32.mul (local.get $rowBytes) (i32.shl (local.get $hh) (i32.const 1))))
    (memory.fill (local.get $gy) (i32.const 0) (i32.mul (local.get $rowBytes) (i32.shl (local.get $hh) (i32.const 1))))
    (local.set $y (i32.const 1))
    (block $gy_done
      (loop $gys
        (br_if $gy_done (i32.ge_s (local.get $y) (i32.sub (local.get $h) (i32.const 1))))
        (local.set $p (i32.add (local.get $pixels) (i32.mul (local.get $y) (local.get $w))))
        (local.set $up (i32.sub (local.get $p) (local.get $w)))
        (local.set $dn (i32.add (local.get $p) (local.get $w)))
        (local.set $q (i32.mul (local.get $y) (local.get $rowBytes)))
        (local.set $x (i32.const 1))
        (block $g8_done
          (loop $g8
            (br_if $g8_done (i32.gt_s (i32.add (local.get $x) (i32.const 8)) (i32.sub (local.get $w) (i32.const 1))))
            (local.set $va (v128.load8x8_u (i32.sub (i32.add (local.get $up) (local.get $x)) (i32.const 1))))
            (local.set $vb (v128.load8x8_u (i32.add (local.get $up) (local.get $x))))
            (local.set $vc (v128.load8x8_u offset=1 (i32.add (local.get $up) (local.get $x))))
            (local.set $vd (v128.load8x8_u (i32.sub (i32.add (local.get $p) (local.get $x)) (i32.const 1))))
            (local.set $vf (v128.load8x8_u offset=1 (i32.add (local.get $p) (local.get $x))))
            (local.set $vg (v128.load8x8_u (i32.sub (i32.add (local.get $dn) (local.get $x)) (i32.const 1))))
            (local.set $vh (v128.load8x8_u (i32.add (local.get $dn) (local.get $x))))
            (local.set $vk (v128.load8x8_u offset=1 (i32.add (local.get $dn) (local.get $x))))
            (local.set $i (i32.add (local.get $q) (i32.shl (local.get $x) (i32.const 1))))
            ;; gx = c + 2f + k − a − 2d − g; gy = g + 2h + k − a − 2b − c
            (v128.store (i32.add (local.get $gx) (local.get $i))
              (i16x8.sub
                (i16x8.add (i16x8.add (local.get $vc) (i16x8.shl (local.get $vf) (i32.const 1))) (local.get $vk))
                (i16x8.add (i16x8.add (local.get $va) (i16x8.shl (local.get $vd) (i32.const 1))) (local.get $vg))))
            (v128.store (i32.add (local.get $gy) (local.get $i))
              (i16x8.sub
                (i16x8.add (i16x8.add (local.get $vg) (i16x8.shl (local.get $vh) (i32.const 1))) (local.get $vk))
                (i16x8.add (i16x8.add (local.get $va) (i16x8.shl (local.get $vb) (i32.const 1))) (local.get $vc))))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $g8)))
        (block $g1_done
          (loop $g1
            (br_if $g1_done (i32.ge_s (local.get $x) (i32.sub (local.get $w) (i32.const 1))))
            (local.set $i (i32.add (local.get $p) (local.get $x)))
            (local.set $a (i32.load8_u (i32.sub (i32.sub (local.get $i) (local.get $w)) (i32.const 1))))
            (local.set $b (i32.load8_u (i32.sub (local.get $i) (local.get $w))))
            (local.set $c (i32.load8_u (i32.add (i32.sub (local.get $i) (local.get $w)) (i32.const 1))))
            (local.set $d (i32.load8_u (i32.sub (local.get $i) (i32.const 1))))
            (local.set $f (i32.load8_u offset=1 (local.get $i)))
            (local.set $g (i32.load8_u (i32.sub (i32.add (local.get $i) (local.get $w)) (i32.const 1))))
            (local.set $hh2 (i32.load8_u (i32.add (local.get $i) (local.get $w))))
            (local.set $k (i32.load8_u offset=1 (i32.add (local.get $i) (local.get $w))))
            (local.set $i (i32.add (local.get $q) (i32.shl (local.get $x) (i32.const 1))))
            (i32.store16 (i32.add (local.get $gx) (local.get $i))
              (i32.sub (i32.add (i32.add (local.get $c) (i32.shl (local.get $f) (i32.const 1))) (local.get $k))
                (i32.add (i32.add (local.get $a) (i32.shl (local.get $d) (i32.const 1))) (local.get $g))))
            (i32.store16 (i32.add (local.get $gy) (local.get $i))
              (i32.sub (i32.add (i32.add (local.get $g) (i32.shl (local.get $hh2) (i32.const 1))) (local.get $k))
                (i32.add (i32.add (local.get $a) (i32.shl (local.get $b) (i32.const 1))) (local.get $c))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $g1)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $gys)))
    (local.set $y (i32.const 0))
    (block $cy_done
      (loop $cys
        (br_if $cy_done (i32.ge_s (local.get $y) (local.get $hh)))
        (local.set $x (i32.const 0))
        (block $cx_done
          (loop $cxs
            (br_if $cx_done (i32.ge_s (local.get $x) (local.get $hw)))
            ;; cells x .. x+3 of cell row y: pixels 2x .. 2x+7 of rows 2y and 2y+1
            (local.set $i (i32.add (i32.mul (i32.shl (local.get $y) (i32.const 1)) (local.get $rowBytes)) (i32.shl (local.get $x) (i32.const 2))))
            (local.set $gx0 (v128.load (i32.add (local.get $gx) (local.get $i))))
            (local.set $gy0 (v128.load (i32.add (local.get $gy) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (local.get $rowBytes)))
            (local.set $gx1 (v128.load (i32.add (local.get $gx) (local.get $i))))
            (local.set $gy1 (v128.load (i32.add (local.get $gy) (local.get $i))))
            (local.set $xx (i32x4.add (i32x4.dot_i16x8_s (local.get $gx0) (local.get $gx0)) (i32x4.dot_i16x8_s (local.get $gx1) (local.get $gx1))))
            (local.set $yy (i32x4.add (i32x4.dot_i16x8_s (local.get $gy0) (local.get $gy0)) (i32x4.dot_i16x8_s (local.get $gy1) (local.get $gy1))))
            (local.set $xy (i32x4.add (i32x4.dot_i16x8_s (local.get $gx0) (local.get $gy0)) (i32x4.dot_i16x8_s (local.get $gx1) (local.get $gy1))))
            (local.set $va (f32x4.convert_i32x4_s (i32x4.sub (local.get $xx) (local.get $yy))))
            (local.set $vb (f32x4.convert_i32x4_s (i32x4.shl (local.get $xy) (i32.const 1))))
            (local.set $vc (f32x4.convert_i32x4_s (i32x4.add (local.get $xx) (local.get $yy))))
            (local.set $i (i32.shl (i32.add (i32.mul (local.get $y) (local.get $hw)) (local.get $x)) (i32.const 2)))
            (local.set $left (i32.sub (local.get $hw) (local.get $x)))
            (if (i32.ge_s (local.get $left) (i32.const 4))
              (then
                (v128.store (i32.add (local.get $sxx) (local.get $i)) (local.get $va))
                (v128.store (i32.add (local.get $sxy) (local.get $i)) (local.get $vb))
                (v128.store (i32.add (local.get $smag) (local.get $i)) (local.get $vc)))
              (else
                (f32.store (i32.add (local.get $sxx) (local.get $i)) (f32x4.extract_lane 0 (local.get $va)))
                (f32.store (i32.add (local.get $sxy) (local.get $i)) (f32x4.extract_lane 0 (local.get $vb)))
                (f32.store (i32.add (local.get $smag) (local.get $i)) (f32x4.extract_lane 0 (local.get $vc)))
                (if (i32.ge_s (local.get $left) (i32.const 2))
                  (then
                    (f32.store offset=4 (i32.add (local.get $sxx) (local.get $i)) (f32x4.extract_lane 1 (local.get $va)))
                    (f32.store offset=4 (i32.add (local.get $sxy) (local.get $i)) (f32x4.extract_lane 1 (local.get $vb)))
                    (f32.store offset=4 (i32.add (local.get $smag) (local.get $i)) (f32x4.extract_lane 1 (local.get $vc)))))
                (if (i32.ge_s (local.get $left) (i32.const 3))
                  (then
                    (f32.store offset=8 (i32.add (local.get $sxx) (local.get $i)) (f32x4.extract_lane 2 (local.get $va)))
                    (f32.store offset=8 (i32.add (local.get $sxy) (local.get $i)) (f32x4.extract_lane 2 (local.get $vb)))
                    (f32.store offset=8 (i32.add (local.get $smag) (local.get $i)) (f32x4.extract_lane 2 (local.get $vc)))))))
            (local.set $x (i32.add (local.get $x) (i32.const 4)))
            (br $cxs)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $cys))))

  ;; The enhancement's inputs (enhanced-image.ts), made where the filter passes read them.
  ;; pad: the padded source src[] (f32, row length pw, P rows and columns of replicated edge around
  ;; the w × h bytes of pixels[]), each byte converted exactly.
  (func (export "pad") (param $pixels i32) (param $src i32) (param $w i32) (param $h i32) (param $P i32) (param $pw i32)
    (local $y i32) (local $x i32) (local $srow i32) (local $row i32) (local $ph i32) (local $edge f32) (local $sy i32)
    (local.set $ph (i32.add (local.get $h) (i32.shl (local.get $P) (i32.const 1))))
    (block $y_done
      (loop $ys
        (br_if $y_done (i32.ge_s (local.get $y) (local.get $ph)))
        (local.set $sy (i32.sub (local.get $y) (local.get $P)))
        (local.set $sy (select (i32.const 0) (local.get $sy) (i32.lt_s (local.get $sy) (i32.const 0))))
        (local.set $sy (select (i32.sub (local.get $h) (i32.const 1)) (local.get $sy) (i32.ge_s (local.get $sy) (local.get $h))))
        (local.set $srow (i32.add (local.get $pixels) (i32.mul (local.get $sy) (local.get $w))))
        (local.set $row (i32.add (local.get $src) (i32.shl (i32.mul (local.get $y) (local.get $pw)) (i32.const 2))))
        (local.set $edge (f32.convert_i32_u (i32.load8_u (local.get $srow))))
        (local.set $x (i32.const 0))
        (block $l_done
          (loop $l
            (br_if $l_done (i32.ge_s (local.get $x) (local.get $P)))
            (f32.store (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 2))) (local.get $edge))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $l)))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $P) (i32.const 2))))
        (local.set $x (i32.const 0))
        (block $m4_done
          (loop $m4
            (br_if $m4_done (i32.gt_s (i32.add (local.get $x) (i32.const 4)) (local.get $w)))
            (v128.store (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 2)))
              (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                (v128.load32_zero (i32.add (local.get $srow) (local.get $x)))))))
            (local.set $x (i32.add (local.get $x) (i32.const 4)))
            (br $m4)))
        (block $m1_done
          (loop $m1
            (br_if $m1_done (i32.ge_s (local.get $x) (local.get $w)))
            (f32.store (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 2)))
              (f32.convert_i32_u (i32.load8_u (i32.add (local.get $srow) (local.get $x)))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $m1)))
        (local.set $edge (f32.convert_i32_u (i32.load8_u (i32.sub (i32.add (local.get $srow) (local.get $w)) (i32.const 1)))))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $w) (i32.const 2))))
        (local.set $x (i32.const 0))
        (block $r_done
          (loop $r
            (br_if $r_done (i32.ge_s (local.get $x) (local.get $P)))
            (f32.store (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 2))) (local.get $edge))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $r)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $ys))))

  ;; bins: the filter bin of every pixel, bin[i] = round(angle[i]·A / π) (mod A) · PB + the period
  ;; bin of its block, periodBin[rowBase[y] + column[x]]: the JavaScript's f64 operations in its
  ;; order, Math.round as floor plus one when the fraction is ≥ ½ (the same for the angles' [0, π]),
  ;; and the Int32Array store's conversion (NaN → 0). The angle bin is recomputed only where the
  ;; angle changes, and a row whose angles equal the row above's bit for bit (the field's 2×2 cells
  ;; make every other row so), in the same period blocks, copies that row's bins.
  (func (export "bins") (param $angle i32) (param $column i32) (param $rowBase i32) (param $periodBin i32) (param $bin i32)
    (param $w i32) (param $h i32) (param $A f64) (param $PB f64) (param $pi f64)
    (local $y i32) (local $x i32) (local $i i32) (local $rb i32) (local $t f32) (local $last f32) (local $v f64) (local $f f64) (local $ab f64)
    (local $b f64) (local $same i32) (local $p i32)
    (local.set $last (f32.const nan))
    (block $y_done
      (loop $ys
        (br_if $y_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $rb (i32.load (i32.add (local.get $rowBase) (i32.shl (local.get $y) (i32.const 2)))))
        (local.set $x (i32.const 0))
        ;; a row with the row above's angles (bit for bit) and period blocks has its bins: copied
        (if (i32.and (i32.gt_s (local.get $y) (i32.const 0))
              (i32.eq (local.get $rb) (i32.load (i32.add (local.get $rowBase) (i32.shl (i32.sub (local.get $y) (i32.const 1)) (i32.const 2))))))
          (then
            (local.set $i (i32.mul (local.get $y) (local.get $w)))
            (local.set $same (i32.const 1))
            (block $cmp_done
              (loop $cmp
                (br_if $cmp_done (i32.gt_s (i32.add (local.get $x) (i32.const 4)) (local.get $w)))
                (local.set $p (i32.add (local.get $angle) (i32.shl (i32.add (local.get $i) (local.get $x)) (i32.const 2))))
                (if (i32.eqz (i32x4.all_true (i32x4.eq (v128.load (local.get $p)) (v128.load (i32.sub (local.get $p) (i32.shl (local.get $w) (i32.const 2)))))))
                  (then (local.set $same (i32.const 0)) (br $cmp_done)))
                (local.set $x (i32.add (local.get $x) (i32.const 4)))
                (br $cmp)))
            (block $cmp1_done
              (loop $cmp1
                (br_if $cmp1_done (i32.or (i32.eqz (local.get $same)) (i32.ge_s (local.get $x) (local.get $w))))
                (local.set $p (i32.add (local.get $angle) (i32.shl (i32.add (local.get $i) (local.get $x)) (i32.const 2))))
                (if (i32.ne (i32.load (local.get $p)) (i32.load (i32.sub (local.get $p) (i32.shl (local.get $w) (i32.const 2)))))
                  (then (local.set $same (i32.const 0))))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $cmp1)))
            (local.set $x (i32.const 0))
            (if (local.get $same)
              (then
                (local.set $p (i32.add (local.get $bin) (i32.shl (local.get $i) (i32.const 2))))
                (memory.copy (local.get $p) (i32.sub (local.get $p) (i32.shl (local.get $w) (i32.const 2))) (i32.shl (local.get $w) (i32.const 2)))
                (local.set $x (local.get $w))))))
        (block $x_done
          (loop $xs
            (br_if $x_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $i (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x)))
            (local.set $t (f32.load (i32.add (local.get $angle) (i32.shl (local.get $i) (i32.const 2)))))
            (if (f32.ne (local.get $t) (local.get $last))
              (then
                (local.set $last (local.get $t))
                (local.set $v (f64.div (f64.mul (f64.promote_f32 (local.get $t)) (local.get $A)) (local.get $pi)))
                (local.set $f (f64.floor (local.get $v)))
                (local.set $ab (select (f64.add (local.get $f) (f64.const 1)) (local.get $f)
                  (f64.ge (f64.sub (local.get $v) (local.get $f)) (f64.const 0.5))))
                (if (f64.ge (local.get $ab) (local.get $A))
                  (then (local.set $ab (f64.sub (local.get $ab) (local.get $A)))))))
            (local.set $b (f64.add (f64.mul (local.get $ab) (local.get $PB))
              (f64.convert_i32_s (i32.load (i32.add (local.get $periodBin) (i32.shl
                (i32.add (local.get $rb) (i32.load (i32.add (local.get $column) (i32.shl (local.get $x) (i32.const 2)))))
                (i32.const 2)))))))
            (i32.store (i32.add (local.get $bin) (i32.shl (local.get $i) (i32.const 2)))
              (select (i32.trunc_sat_f64_s (local.get $b)) (i32.const 0) (f64.lt (f64.abs (local.get $b)) (f64.const 2147483648))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $xs)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $ys))))

  ;; near: 1 within r px (Chebyshev) of a pixel where mask[] ≠ 0, else 0 (nearMask): per row the
  ;; JavaScript's two running passes into tmp[], then per pixel the OR of tmp[] over the rows within
  ;; r, sixteen pixels at a time.
  (func (export "near") (param $mask i32) (param $tmp i32) (param $out i32) (param $w i32) (param $h i32) (param $r i32)
    (local $y i32) (local $x i32) (local $row i32) (local $last i32) (local $y0 i32) (local $y1 i32) (local $yy i32)
    (local $acc v128) (local $a i32) (local $i i32)
    (memory.fill (local.get $tmp) (i32.const 0) (i32.mul (local.get $w) (local.get $h)))
    (block $y_done
      (loop $ys
        (br_if $y_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        (local.set $last (i32.const -1000000000))
        (local.set $x (i32.const 0))
        (block $f_done
          (loop $fs
            (br_if $f_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $i (i32.add (local.get $row) (local.get $x)))
            (if (i32.load8_u (i32.add (local.get $mask) (local.get $i)))
              (then (local.set $last (local.get $x)))
              (else
                (if (i32.le_s (i32.sub (local.get $x) (local.get $last)) (local.get $r))
                  (then (i32.store8 (i32.add (local.get $tmp) (local.get $i)) (i32.const 1))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $fs)))
        (local.set $last (i32.const 1000000000))
        (local.set $x (i32.sub (local.get $w) (i32.const 1)))
        (block $b_done
          (loop $bs
            (br_if $b_done (i32.lt_s (local.get $x) (i32.const 0)))
            (local.set $i (i32.add (local.get $row) (local.get $x)))
            (if (i32.load8_u (i32.add (local.get $mask) (local.get $i)))
              (then
                (i32.store8 (i32.add (local.get $tmp) (local.get $i)) (i32.const 1))
                (local.set $last (local.get $x)))
              (else
                (if (i32.le_s (i32.sub (local.get $last) (local.get $x)) (local.get $r))
                  (then (i32.store8 (i32.add (local.get $tmp) (local.get $i)) (i32.const 1))))))
            (local.set $x (i32.sub (local.get $x) (i32.const 1)))
            (br $bs)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $ys)))
    (local.set $y (i32.const 0))
    (block $v_done
      (loop $vs
        (br_if $v_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $y0 (i32.sub (local.get $y) (local.get $r)))
        (local.set $y0 (select (i32.const 0) (local.get $y0) (i32.lt_s (local.get $y0) (i32.const 0))))
        (local.set $y1 (i32.add (local.get $y) (local.get $r)))
        (local.set $y1 (select (i32.sub (local.get $h) (i32.const 1)) (local.get $y1) (i32.ge_s (local.get $y1) (local.get $h))))
        (local.set $x (i32.const 0))
        (block $x16_done
          (loop $x16
            (br_if $x16_done (i32.gt_s (i32.add (local.get $x) (i32.const 16)) (local.get $w)))
            (local.set $acc (v128.const i32x4 0 0 0 0))
            (local.set $yy (local.get $y0))
            (block $o_done
              (loop $os
                (br_if $o_done (i32.gt_s (local.get $yy) (local.get $y1)))
                (local.set $acc (v128.or (local.get $acc)
                  (v128.load (i32.add (local.get $tmp) (i32.add (i32.mul (local.get $yy) (local.get $w)) (local.get $x))))))
                (local.set $yy (i32.add (local.get $yy) (i32.const 1)))
                (br $os)))
            (v128.store (i32.add (local.get $out) (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x))) (local.get $acc))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (br $x16)))
        (block $x1_done
          (loop $x1
            (br_if $x1_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $a (i32.const 0))
            (local.set $yy (local.get $y0))
            (block $o1_done
              (loop $o1
                (br_if $o1_done (i32.gt_s (local.get $yy) (local.get $y1)))
                (local.set $a (i32.or (local.get $a)
                  (i32.load8_u (i32.add (local.get $tmp) (i32.add (i32.mul (local.get $yy) (local.get $w)) (local.get $x))))))
                (local.set $yy (i32.add (local.get $yy) (i32.const 1)))
                (br $o1)))
            (i32.store8 (i32.add (local.get $out) (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x))) (local.get $a))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $x1)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $vs))))

  ;; The ridge frequency's x-signature of one block (ridge-frequency.ts): for k = 0 .. L−1, with
  ;; s = k − L/2 + ½ and u = −W/2 + ½, …, W/2 − ½, the pixels at (round((cx + s·nx) + u·dx),
  ;; round((cy + s·ny) + u·dy)) inside the w × h image averaged, sig[k] = f32(sum / count) (0 for
  ;; none): the JavaScript's f64 operations in its order, x in one f64 lane and y in the other,
  ;; Math.round as floor(v) plus one when v − floor(v) ≥ ½, without branches (the caller passes
  ;; finite values only, so the rounded coordinates are small integers). Stops after the first k with
  ;; fewer than W/2 pixels (its sig[k] written) and returns 0 there, else 1.
  (func (export "signature") (param $pixels i32) (param $w i32) (param $h i32)
    (param $cx f64) (param $cy f64) (param $nx f64) (param $ny f64) (param $dx f64) (param $dy f64)
    (param $L i32) (param $W i32) (param $sig i32) (result i32)
    (local $k i32) (local $s f64) (local $u f64) (local $halfW f64)
    (local $sum i32) (local $cnt i32) (local $x i32) (local $y i32) (local $in i32)
    (local $a v128) (local $d v128) (local $v v128) (local $f v128) (local $half v128) (local $one v128) (local $r v128)
    (local.set $halfW (f64.div (f64.convert_i32_s (local.get $W)) (f64.const 2)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $d (f64x2.replace_lane 1 (f64x2.splat (local.get $dx)) (local.get $dy)))
    (block $k_done
      (loop $ks
        (br_if $k_done (i32.ge_s (local.get $k) (local.get $L)))
        (local.set $s (f64.add (f64.sub (f64.convert_i32_s (local.get $k))
          (f64.div (f64.convert_i32_s (local.get $L)) (f64.const 2))) (f64.const 0.5)))
        ;; (cx + s·nx, cy + s·ny)
        (local.set $a (f64x2.replace_lane 1
          (f64x2.splat (f64.add (local.get $cx) (f64.mul (local.get $s) (local.get $nx))))
          (f64.add (local.get $cy) (f64.mul (local.get $s) (local.get $ny)))))
        (local.set $sum (i32.const 0))
        (local.set $cnt (i32.const 0))
        (local.set $u (f64.add (f64.neg (local.get $halfW)) (f64.const 0.5)))
        (block $u_done
          (loop $us
            (br_if $u_done (i32.eqz (f64.lt (local.get $u) (local.get $halfW))))
            (local.set $v (f64x2.add (local.get $a) (f64x2.mul (f64x2.splat (local.get $u)) (local.get $d))))
            (local.set $f (f64x2.floor (local.get $v)))
            (local.set $r (i32x4.trunc_sat_f64x2_s_zero (f64x2.add (local.get $f)
              (v128.and (local.get $one) (f64x2.ge (f64x2.sub (local.get $v) (local.get $f)) (local.get $half))))))
            (local.set $x (i32x4.extract_lane 0 (local.get $r)))
            (local.set $y (i32x4.extract_lane 1 (local.get $r)))
            ;; inside: 0 ≤ x < w and 0 ≤ y < h (unsigned compares)
            (local.set $in (i32.and (i32.lt_u (local.get $x) (local.get $w)) (i32.lt_u (local.get $y) (local.get $h))))
            (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $in) (i32.load8_u (i32.add (local.get $pixels)
              (select (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x)) (i32.const 0) (local.get $in)))))))
            (local.set $cnt (i32.add (local.get $cnt) (local.get $in)))
            (local.set $u (f64.add (local.get $u) (f64.const 1)))
            (br $us)))
        (f32.store (i32.add (local.get $sig) (i32.shl (local.get $k) (i32.const 2)))
          (select
            (f32.demote_f64 (f64.div (f64.convert_i32_s (local.get $sum)) (f64.convert_i32_s (local.get $cnt))))
            (f32.const 0)
            (local.get $cnt)))
        (if (f64.lt (f64.convert_i32_s (local.get $cnt)) (local.get $halfW)) (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ks)))
    (i32.const 1))

  ;; The segmentation's window sums (segmentation-mask.ts, candidateBlocks): for every block (bx, by)
  ;; of `block` px, the sum s1 and the sum of squares s2 of the gray levels over the window of radius
  ;; R about the block's centre (min(w−1, bx·block + block/2), likewise y), clipped to the image; per
  ;; block row the window rows' column sums (four columns at a time in i32), then each block's
  ;; columns. Integers: the same values in any order.
  (func (export "window_sums") (param $pixels i32) (param $w i32) (param $h i32) (param $block i32) (param $R i32)
    (param $bw i32) (param $bh i32) (param $col1 i32) (param $col2 i32) (param $s1 i32) (param $s2 i32)
    (local $by i32) (local $bx i32) (local $cy i32) (local $cx i32) (local $y i32) (local $x i32) (local $x0 i32) (local $x1 i32)
    (local $y0 i32) (local $y1 i32) (local $row i32) (local $p i32) (local $v v128) (local $a i32) (local $b i32) (local $t i32)
    (block $by_done
      (loop $bys
        (br_if $by_done (i32.ge_s (local.get $by) (local.get $bh)))
        (local.set $cy (i32.add (i32.mul (local.get $by) (local.get $block)) (i32.shr_s (local.get $block) (i32.const 1))))
        (local.set $cy (select (i32.sub (local.get $h) (i32.const 1)) (local.get $cy) (i32.gt_s (local.get $cy) (i32.sub (local.get $h) (i32.const 1)))))
        (local.set $y0 (i32.sub (local.get $cy) (local.get $R)))
        (local.set $y0 (select (i32.const 0) (local.get $y0) (i32.lt_s (local.get $y0) (i32.const 0))))
        (local.set $y1 (i32.add (local.get $cy) (local.get $R)))
        (local.set $y1 (select (i32.sub (local.get $h) (i32.const 1)) (local.get $y1) (i32.gt_s (local.get $y1) (i32.sub (local.get $h) (i32.const 1)))))
        (memory.fill (local.get $col1) (i32.const 0) (i32.shl (local.get $w) (i32.const 2)))
        (memory.fill (local.get $col2) (i32.const 0) (i32.shl (local.get $w) (i32.const 2)))
        (local.set $y (local.get $y0))
        (block $y_done
          (loop $ys
            (br_if $y_done (i32.gt_s (local.get $y) (local.get $y1)))
            (local.set $row (i32.add (local.get $pixels) (i32.mul (local.get $y) (local.get $w))))
            (local.set $x (i32.const 0))
            (block $x4_done
              (loop $x4
                (br_if $x4_done (i32.gt_s (i32.add (local.get $x) (i32.const 4)) (local.get $w)))
                (local.set $v (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (i32.add (local.get $row) (local.get $x))))))
                (local.set $p (i32.shl (local.get $x) (i32.const 2)))
                (v128.store (i32.add (local.get $col1) (local.get $p)) (i32x4.add (v128.load (i32.add (local.get $col1) (local.get $p))) (local.get $v)))
                (v128.store (i32.add (local.get $col2) (local.get $p))
                  (i32x4.add (v128.load (i32.add (local.get $col2) (local.get $p))) (i32x4.mul (local.get $v) (local.get $v))))
                (local.set $x (i32.add (local.get $x) (i32.const 4)))
                (br $x4)))
            (block $x1_done
              (loop $x1
                (br_if $x1_done (i32.ge_s (local.get $x) (local.get $w)))
                (local.set $t (i32.load8_u (i32.add (local.get $row) (local.get $x))))
                (local.set $p (i32.shl (local.get $x) (i32.const 2)))
                (i32.store (i32.add (local.get $col1) (local.get $p)) (i32.add (i32.load (i32.add (local.get $col1) (local.get $p))) (local.get $t)))
                (i32.store (i32.add (local.get $col2) (local.get $p))
                  (i32.add (i32.load (i32.add (local.get $col2) (local.get $p))) (i32.mul (local.get $t) (local.get $t))))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $x1)))
            (local.set $y (i32.add (local.get $y) (i32.const 1)))
            (br $ys)))
        (local.set $bx (i32.const 0))
        (block $bx_done
          (loop $bxs
            (br_if $bx_done (i32.ge_s (local.get $bx) (local.get $bw)))
            (local.set $cx (i32.add (i32.mul (local.get $bx) (local.get $block)) (i32.shr_s (local.get $block) (i32.const 1))))
            (local.set $cx (select (i32.sub (local.get $w) (i32.const 1)) (local.get $cx) (i32.gt_s (local.get $cx) (i32.sub (local.get $w) (i32.const 1)))))
            (local.set $x0 (i32.sub (local.get $cx) (local.get $R)))
            (local.set $x0 (select (i32.const 0) (local.get $x0) (i32.lt_s (local.get $x0) (i32.const 0))))
            (local.set $x1 (i32.add (local.get $cx) (local.get $R)))
            (local.set $x1 (select (i32.sub (local.get $w) (i32.const 1)) (local.get $x1) (i32.gt_s (local.get $x1) (i32.sub (local.get $w) (i32.const 1)))))
            (local.set $a (i32.const 0))
            (local.set $b (i32.const 0))
            (local.set $x (local.get $x0))
            (block $s_done
              (loop $ss
                (br_if $s_done (i32.gt_s (local.get $x) (local.get $x1)))
                (local.set $p (i32.shl (local.get $x) (i32.const 2)))
                (local.set $a (i32.add (local.get $a) (i32.load (i32.add (local.get $col1) (local.get $p)))))
                (local.set $b (i32.add (local.get $b) (i32.load (i32.add (local.get $col2) (local.get $p)))))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $ss)))
            (local.set $p (i32.shl (i32.add (i32.mul (local.get $by) (local.get $bw)) (local.get $bx)) (i32.const 2)))
            (i32.store (i32.add (local.get $s1) (local.get $p)) (local.get $a))
            (i32.store (i32.add (local.get $s2) (local.get $p)) (local.get $b))
            (local.set $bx (i32.add (local.get $bx) (i32.const 1)))
            (br $bxs)))
        (local.set $by (i32.add (local.get $by) (i32.const 1)))
        (br $bys))))

  ;; The segmentation mask's last steps (maskOfBlocks): mask[i] = soft[i] > ½ (f32) for the smoothed
  ;; outline, sixteen pixels at a time.
  (func (export "threshold_half") (param $soft i32) (param $mask i32) (param $n i32)
    (local $i i32) (local $p i32) (local $half v128) (local $one v128)
    (local.set $half (f32x4.splat (f32.const 0.5)))
    (local.set $one (i8x16.splat (i32.const 1)))
    (block $d16
      (loop $l16
        (br_if $d16 (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (local.set $p (i32.add (local.get $soft) (i32.shl (local.get $i) (i32.const 2))))
        (v128.store (i32.add (local.get $mask) (local.get $i))
          (v128.and (local.get $one)
            (i8x16.narrow_i16x8_s
              (i16x8.narrow_i32x4_s (f32x4.gt (v128.load (local.get $p)) (local.get $half)) (f32x4.gt (v128.load offset=16 (local.get $p)) (local.get $half)))
              (i16x8.narrow_i32x4_s (f32x4.gt (v128.load offset=32 (local.get $p)) (local.get $half)) (f32x4.gt (v128.load offset=48 (local.get $p)) (local.get $half))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l16)))
    (block $d1
      (loop $l1
        (br_if $d1 (i32.ge_s (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $mask) (local.get $i))
          (f32.gt (f32.load (i32.add (local.get $soft) (i32.shl (local.get $i) (i32.const 2)))) (f32.const 0.5)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l1))))

  ;; ... and the erosion: where d[i] (f32) ≤ px, mask[i] = 0 and d[i] = 0, else d[i] −= px (f32, as
  ;; the JavaScript's f64 difference rounded to f32: the same for float32 operands); returns the
  ;; pixels kept.
  (func (export "erode") (param $d i32) (param $mask i32) (param $n i32) (param $px f32) (result i32)
    (local $i i32) (local $p i32) (local $v f32) (local $area i32) (local $keep i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $p (i32.add (local.get $d) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $v (f32.load (local.get $p)))
        ;; kept unless d ≤ px (NaN is kept, as in the JavaScript)
        (local.set $keep (i32.eqz (f32.le (local.get $v) (local.get $px))))
        (if (local.get $keep)
          (then (f32.store (local.get $p) (f32.sub (local.get $v) (local.get $px))))
          (else
            (f32.store (local.get $p) (f32.const 0))
            (i32.store8 (i32.add (local.get $mask) (local.get $i)) (i32.const 0))))
        (local.set $area (i32.add (local.get $area) (local.get $keep)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $area))

  ;; The ridge graph's neighbour counts (ridge-graph.ts): on the interior where sk[] ≠ 0, count[i] =
  ;; the byte sum of the 8 neighbours (i16 lanes, stored modulo 256 as a Uint8Array store), 0
  ;; elsewhere; then list[] = the indices where count[] is neither 0 nor 2 (the ending and junction
  ;; pixels the node search starts from), in raster order; returns their number.
  (func (export "skeleton_counts") (param $sk i32) (param $count i32) (param $list i32) (param $w i32) (param $h i32) (result i32)
    (local $n i32) (local $y i32) (local $x i32) (local $p i32) (local $i i32) (local $s v128) (local $c i32) (local $m i32)
    (local $zero v128) (local $two v128) (local $k i32) (local $last i32)
    (local.set $n (i32.mul (local.get $w) (local.get $h)))
    (local.set $last (i32.sub (local.get $w) (i32.const 1)))
    (local.set $two (i8x16.splat (i32.const 2)))
    (memory.fill (local.get $count) (i32.const 0) (local.get $n))
    (local.set $y (i32.const 1))
    (block $y_done
      (loop $ys
        (br_if $y_done (i32.ge_s (local.get $y) (i32.sub (local.get $h) (i32.const 1))))
        (local.set $x (i32.const 1))
        (block $x8_done
          (loop $x8
            (br_if $x8_done (i32.gt_s (i32.add (local.get $x) (i32.const 8)) (local.get $last)))
            (local.set $i (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x)))
            (local.set $p (i32.add (local.get $sk) (local.get $i)))
            (local.set $s (i16x8.add
              (i16x8.add
                (i16x8.add (v128.load8x8_u (i32.sub (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (v128.load8x8_u (i32.sub (local.get $p) (local.get $w))))
                (i16x8.add (v128.load8x8_u (i32.add (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (v128.load8x8_u (i32.sub (local.get $p) (i32.const 1)))))
              (i16x8.add
                (i16x8.add (v128.load8x8_u offset=1 (local.get $p)) (v128.load8x8_u (i32.sub (i32.add (local.get $p) (local.get $w)) (i32.const 1))))
                (i16x8.add (v128.load8x8_u (i32.add (local.get $p) (local.get $w))) (v128.load8x8_u offset=1 (i32.add (local.get $p) (local.get $w)))))))
            ;; zero where sk[] is 0 (i16 lanes of the centre bytes), low bytes stored
            (local.set $s (v128.andnot (local.get $s) (i16x8.eq (v128.load8x8_u (local.get $p)) (local.get $zero))))
            (v128.store64_lane 0 (i32.add (local.get $count) (local.get $i))
              (i8x16.shuffle 0 2 4 6 8 10 12 14 0 2 4 6 8 10 12 14 (local.get $s) (local.get $s)))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $x8)))
        (block $x1_done
          (loop $x1
            (br_if $x1_done (i32.ge_s (local.get $x) (local.get $last)))
            (local.set $i (i32.add (i32.mul (local.get $y) (local.get $w)) (local.get $x)))
            (local.set $p (i32.add (local.get $sk) (local.get $i)))
            (if (i32.load8_u (local.get $p))
              (then
                (i32.store8 (i32.add (local.get $count) (local.get $i)) (i32.add
                  (i32.add
                    (i32.add (i32.load8_u (i32.sub (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (i32.load8_u (i32.sub (local.get $p) (local.get $w))))
                    (i32.add (i32.load8_u (i32.add (i32.sub (local.get $p) (local.get $w)) (i32.const 1))) (i32.load8_u (i32.sub (local.get $p) (i32.const 1)))))
                  (i32.add
                    (i32.add (i32.load8_u offset=1 (local.get $p)) (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $w)) (i32.const 1))))
                    (i32.add (i32.load8_u (i32.add (local.get $p) (local.get $w))) (i32.load8_u offset=1 (i32.add (local.get $p) (local.get $w)))))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $x1)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $ys)))
    ;; the list, sixteen bytes skipped at a time where all are 0 or 2
    (local.set $i (i32.const 0))
    (block $l_done
      (loop $ls
        (br_if $l_done (i32.ge_s (local.get $i) (local.get $n)))
        (if (i32.and
              (i32.le_s (i32.add (local.get $i) (i32.const 16)) (local.get $n))
              (i32.eqz (v128.any_true (v128.andnot
                (v128.not (i8x16.eq (local.tee $s (v128.load (i32.add (local.get $count) (local.get $i)))) (local.get $zero)))
                (i8x16.eq (local.get $s) (local.get $two))))))
          (then (local.set $i (i32.add (local.get $i) (i32.const 16))))
          (else
            (local.set $c (i32.load8_u (i32.add (local.get $count) (local.get $i))))
            (if (i32.and (i32.ne (local.get $c) (i32.const 0)) (i32.ne (local.get $c) (i32.const 2)))
              (then
                (i32.store (i32.add (local.get $list) (i32.shl (local.get $m) (i32.const 2))) (local.get $i))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $ls)))
    (local.get $m))

  ;; The orientation field's coherence (orientation-field.ts) of n cells: coh[j] = f32(min(1,
  ;; sqrt(gxx² + gxy²) / gmag)) where gmag[j] > 1e-6, else 0, in f64 from the f32 planes (sqrt and
  ;; division correctly rounded, min passing NaN on, as Math.sqrt and Math.min); two cells at a time.
  (func (export "coherence") (param $gxx i32) (param $gxy i32) (param $gmag i32) (param $coh i32) (param $n i32)
    (local $j i32) (local $p i32) (local $x v128) (local $y v128) (local $m v128) (local $v v128) (local $one v128) (local $eps v128)
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $eps (f64x2.splat (f64.const 1e-6)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $p (i32.shl (local.get $j) (i32.const 2)))
        ;; an odd last cell reads one float beyond each plane (a lane whose result is not stored)
        (local.set $x (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $gxx) (local.get $p)))))
        (local.set $y (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $gxy) (local.get $p)))))
        (local.set $m (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $gmag) (local.get $p)))))
        (local.set $v (f64x2.min (local.get $one) (f64x2.div
          (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $x) (local.get $x)) (f64x2.mul (local.get $y) (local.get $y))))
          (local.get $m))))
        (local.set $v (f32x4.demote_f64x2_zero (v128.and (local.get $v) (f64x2.gt (local.get $m) (local.get $eps)))))
        (f32.store (i32.add (local.get $coh) (local.get $p)) (f32x4.extract_lane 0 (local.get $v)))
        (if (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $n))
          (then (f32.store offset=4 (i32.add (local.get $coh) (local.get $p)) (f32x4.extract_lane 1 (local.get $v)))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $l))))
)
