"""What every concept uses: errors, field and column types, money, versions, paging, references, the
database and its migrations."""
