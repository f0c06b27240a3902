from ninja import NinjaAPI

hsds_api = NinjaAPI(urls_namespace="hsds")
