// PDFText: being written.
