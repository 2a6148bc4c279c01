def test_report_page_answers(client, db):
    response = client.get("/melden/")
    assert response.status_code == 200
