#!/usr/bin/env bash
# Writes www/templates/footage/footage.webm, the demo's background video
# (committed: building and testing never need ffmpeg). 640x360, 30 fps, 6 s,
# VP9 + Opus: a slow gradient, a quiet two-tone chord, and a timecode strip
# whose white block moves 3 px per frame (x = 24 + 3n), under the Lottie
# "Playhead" that moves the same way, so that a glance (or a test) shows
# whether animation and video are in sync. Needs ffmpeg (apt-get install
# ffmpeg); afterwards run node scripts/generators/make-demo-templates.mjs to
# re-hash.
set -euo pipefail
out="$(dirname "$0")/../../www/templates/footage/footage.webm"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "gradients=s=640x360:r=30:d=6:c0=0x1d3557:c1=0x457b9d:c2=0x264653:c3=0x2a9d8f:nb_colors=4:speed=0.02:seed=7" \
  -f lavfi -i "color=c=white:s=8x20:r=30:d=6" \
  -f lavfi -i "aevalsrc='0.08*sin(2*PI*220*t)+0.05*sin(2*PI*330*t)':s=48000:d=6" \
  -filter_complex "[0:v]drawbox=x=0:y=318:w=640:h=36:color=black@0.35:t=fill[bg];[bg][1:v]overlay=x='24+n*3':y=326:eval=frame,format=yuv420p[v];[2:a]afade=t=in:d=0.5,afade=t=out:st=5.4:d=0.6[a]" \
  -map "[v]" -map "[a]" -c:v libvpx-vp9 -crf 42 -b:v 0 -g 15 -row-mt 1 -deadline good -cpu-used 4 \
  -c:a libopus -b:a 32k -ac 1 "$out"
ls -l "$out"
