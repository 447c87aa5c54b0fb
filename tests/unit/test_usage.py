from desktop.store.usage_service import UsageService


def test_usage_events_are_recorded_newest_first(database):
    usage = UsageService(database)
    usage.record("diary_saved", day="2026-03-14", new=True)
    usage.record("video_played", video="bridge", watched_s=12.5)
    events = usage.recent()
    assert [e.kind for e in events] == ["video_played", "diary_saved"]
    assert events[0].detail == {"video": "bridge", "watched_s": 12.5}
    assert events[1].detail == {"day": "2026-03-14", "new": True}


def test_diary_actions_record_usage_events_in_the_same_transaction(diary, database, today):
    from desktop.domain.diary import DiaryEntry

    day = DiaryEntry(day=today, pain=3, walking_minutes=10, limitation=2)
    diary.save(day)
    diary.save(day)  # unchanged: no event
    diary.delete(today)
    diary.import_entries([day])
    kinds = [e.kind for e in UsageService(database).recent()]
    assert kinds == ["diary_imported", "diary_deleted", "diary_saved"]
