// Plain text: bytes in any encoding -> UTF-8 -> Document.
#include "extract/extract.h"
#include "fuzz_common.h"

void fuzz::init() {}
void fuzz::one(const Input& in) { ogi::extract_text(ogi::decode_text(in.bytes).utf8, "fuzz.txt"); }
