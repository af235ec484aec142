#!/usr/bin/env bash
# Builds the flatlab command line as a self-contained Linux x64 program that needs no .NET SDK or
# runtime: one executable (ReadyToRun, compiled ahead of time so a cold start does not wait for the
# JIT) plus the native libraries it loads (the two the figures use, and ParquetSharpNative.so, the
# Parquet reader and writer), in dist/flatlab-linux-x64/, and the same folder
# as dist/flatlab-linux-x64.tar.gz. Needs the .NET 10 SDK to build, nothing but glibc and
# libstdc++ (linked by ParquetSharpNative.so) to run.
#   ./scripts/publish.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/flatlab-linux-x64}"
obj="$(mktemp -d)"
trap 'rm -rf "$obj"' EXIT

echo "publish: dotnet publish (self-contained, single file, ReadyToRun, linux-x64) -> $out"
dotnet publish src/FlatLab.Cli/FlatLab.Cli.csproj -c Release -r linux-x64 --self-contained true -nologo -v quiet \
  -clp:ErrorsOnly -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:DebugType=none \
  -p:GenerateDocumentationFile=false -o "$obj"

rm -rf "$out"
mkdir -p "$out"
# The single-file bundle holds every managed assembly; the native libraries stay beside it (no
# extraction to a temporary folder at start-up).
cp "$obj/FlatLab.Cli" "$out/flatlab"
find "$obj" -maxdepth 1 -name '*.so' -exec cp {} "$out/" \;
[ -s "$out/ParquetSharpNative.so" ] || { echo "publish: ParquetSharpNative.so is missing from the publish output" >&2; exit 1; }
cp LICENSE "$out/"
chmod +x "$out/flatlab"
tar -C "$(dirname "$out")" -czf "$out.tar.gz" "$(basename "$out")"
echo "publish: $out/flatlab ($(du -sh "$out" | cut -f1)); archive $out.tar.gz"
"$out/flatlab" --version
