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
    (local $sum f64) (local $invv v128) (local $c v128) (local $last i32)
    (local.set $last (i32.sub (local.get $w) (i32.const 1)))
    ;; horizontal: data -> tmp
    (local.set $y (i32.const 0))
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
        (br $vy)))))
