"""Ids are UUIDv7, and ordering by id is ordering by creation: lists, pages and the audit trail rely on it."""

import threading
import time
import uuid

from service.domain.common.fields import new_id


def test_ids_made_one_after_another_sort_in_that_order_even_within_a_millisecond():
    made = [new_id() for _ in range(5000)]
    assert made == sorted(made) and len(set(made)) == len(made)


def test_ids_made_in_many_threads_are_unique_and_each_threads_are_in_order():
    made: list[list[uuid.UUID]] = [[] for _ in range(8)]

    def make(i: int) -> None:
        made[i].extend(new_id() for _ in range(2000))

    threads = [threading.Thread(target=make, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(ids == sorted(ids) for ids in made)
    assert len({i for ids in made for i in ids}) == 8 * 2000


def test_an_id_is_a_uuid7_carrying_the_millisecond_it_was_made():
    before = time.time_ns() // 1_000_000
    made = new_id()
    after = time.time_ns() // 1_000_000
    assert made.version == 7 and made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after
